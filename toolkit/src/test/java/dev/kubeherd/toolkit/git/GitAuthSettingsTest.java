package dev.kubeherd.toolkit.git;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.testsupport.git.GitSshServer;
import dev.kubeherd.toolkit.ssm.SsmParameterNotFoundException;
import dev.kubeherd.toolkit.ssm.SsmParameters;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The deploy key read from SSM (WireMock) into memory and used to clone over the embedded SSH
 * server: nothing written to the working directory or left in the scratch directory.
 */
class GitAuthSettingsTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path tmp;
  OriginRepo origin;
  GitSshServer server;
  SsmClient client;
  Supplier<SsmParameters> ssm;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void serve() throws Exception {
    origin = new OriginRepo(tmp.resolve("served/cluster"));
    server = new GitSshServer(tmp.resolve("served"), List.of(TestKeys.ed25519().getPublic()));
    client =
        SsmClient.builder()
            .endpointOverride(URI.create(wm.baseUrl()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    ssm = () -> new SsmParameters(client, "eu-west-1");
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
    origin.close();
  }

  static String json(String s) {
    return "\"" + s.replace("\n", "\\n") + "\"";
  }

  @Test
  void deployKeyFromSsmClonesAndIsNeverWritten() throws Exception {
    String key = TestKeys.ed25519Text();
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"Parameter\":{\"Value\":" + json(key) + "}}")));
    Path knownHosts = Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine());
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path work = tmp.resolve("work");

    GitAuth auth =
        new GitAuthSettings(
                Optional.empty(),
                Optional.of("/kubeherd/test/deploy-key"),
                Optional.empty(),
                Optional.of(knownHosts))
            .resolve(server.url("cluster"), ssm);
    GitCheckout c =
        new GitCheckouts(scratch, log::add)
            .checkout(GitSource.of(server.url("cluster"), "", auth), work);

    assertThat(c.commit()).isEqualTo(origin.c3.name());
    wm.verify(
        postRequestedFor(urlEqualTo("/"))
            .withRequestBody(
                equalToJson("{\"Name\":\"/kubeherd/test/deploy-key\",\"WithDecryption\":true}")));
    assertThat(scratch).isEmptyDirectory();
    String secret = TestKeys.fingerprintLine(key);
    try (var files = Files.walk(work)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(f)).asString().doesNotContain(secret);
      }
    }
    assertThat(auth.toString()).contains("SSM parameter /kubeherd/test/deploy-key");
  }

  @Test
  void missingKeyParameterExitsThreeNamingIt() {
    wm.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"ParameterNotFound\"}")));
    GitAuthSettings settings =
        new GitAuthSettings(
            Optional.empty(), Optional.of("/kubeherd/nope"), Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> settings.resolve(server.url("cluster"), ssm))
        .isInstanceOf(SsmParameterNotFoundException.class)
        .hasMessageContaining("SSM parameter /kubeherd/nope not found in eu-west-1");
  }

  @Test
  void keyFileAndKeyParameterExcludeEachOther() {
    assertThatThrownBy(
            () ->
                new GitAuthSettings(
                    Optional.of(tmp.resolve("k")),
                    Optional.of("/p"),
                    Optional.empty(),
                    Optional.empty()))
        .hasMessageContaining(
            "either with --ssh-key-from-path or with --ssh-key-from-ssm-parameter");
  }

  @Test
  void noSsmCallForAPublicHttpsRepositoryOrFileUrl() {
    GitAuthSettings settings =
        new GitAuthSettings(
            Optional.empty(), Optional.of("/p"), Optional.empty(), Optional.empty());

    assertThat(settings.resolve("https://github.com/org/public.git", ssm))
        .isEqualTo(GitAuth.none());
    assertThat(settings.resolve(origin.url(), ssm)).isEqualTo(GitAuth.none());
    assertThat(wm.getAllServeEvents()).isEmpty();
  }
}
