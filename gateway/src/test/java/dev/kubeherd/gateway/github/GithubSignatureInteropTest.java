package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.gateway.github.OctokitPackages.Example;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our signatures against an independent implementation: {@code @octokit/webhooks-methods} (what
 * GitHub's own JavaScript SDK signs and verifies with), run with {@code node}. The secret reaches
 * node through its environment, never its command line.
 */
class GithubSignatureInteropTest {
  private static final String SECRET = "interop sëcret ✓";

  @TempDir Path tmp;

  private OctokitPackages octokit;
  private LoopbackGateway gateway;
  private byte[] push;

  @BeforeEach
  void start() throws Exception {
    octokit = OctokitPackages.installed();
    gateway = LoopbackGateway.start(tmp);
    Example example =
        octokit.examples().stream()
            .filter(e -> e.event().equals("push") && !e.payload().path("deleted").asBoolean())
            .findFirst()
            .orElseThrow();
    gateway.project(example.payload().at("/repository/full_name").asString(), SECRET);
    // GitHub's bodies are UTF-8 with non-ASCII text; make sure this one has some
    String body =
        Json.MAPPER
            .writeValueAsString(example.payload())
            .replaceFirst("\"message\":\"", "\"message\":\"Grüße, 🚀 ");
    push = body.getBytes(StandardCharsets.UTF_8);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  @Test
  void bodySignedByOctokitIsAcceptedAndStored() throws Exception {
    String signature = octokit.octokitSign(push, SECRET);

    HttpResponse<String> response = gateway.post("push", "interop-1", push, signature);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(signature).isEqualTo(GithubSignature.sign256(push, SECRET));
    String id = Json.MAPPER.readTree(response.body()).path("builds").get(0).asString();
    Optional<Build> build = gateway.builds.find(id);
    assertThat(build).isPresent();
    assertThat(build.get().request().payload()).isEqualTo(new String(push, StandardCharsets.UTF_8));
  }

  @Test
  void bodyTamperedAfterOctokitSignedItIsRefusedWith401() throws Exception {
    String signature = octokit.octokitSign(push, SECRET);
    byte[] tampered =
        new String(push, StandardCharsets.UTF_8)
            .replace("Grüße", "Grüsse")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = gateway.post("push", "interop-2", tampered, signature);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.body()).contains("malformed signature").doesNotContain(SECRET);
    assertThat(gateway.builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void ourSignatureIsVerifiedByOctokit() {
    String ours = GithubSignature.sign256(push, SECRET);

    assertThat(octokit.octokitVerify(push, SECRET, ours)).isTrue();
    assertThat(octokit.octokitVerify(push, SECRET + "x", ours)).isFalse();
  }
}
