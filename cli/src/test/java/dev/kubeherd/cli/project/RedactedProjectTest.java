package dev.kubeherd.cli.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.secret.DocumentFormat;
import dev.kubeherd.core.secret.ProjectSecretCodec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** brig project list -o json: v1's Project object mapped from the project Secret. */
class RedactedProjectTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = RedactedProjectTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aBrigWrittenProjectBecomesV1sProjectJsonWithCredentialsLeftOut() throws IOException {
    Project p = new ProjectSecretCodec().read(resource("RedactedProjectTest.brig-written.yaml"));

    String json = DocumentFormat.JSON.render(RedactedProject.of(p));

    assertThat(json).isEqualTo(resource("RedactedProjectTest.brig-written.json"));
    assertThat(json)
        .doesNotContain("hunter2")
        .doesNotContain("8080")
        .doesNotContain("IBrakeForSeaBeasts")
        .doesNotContain("ghp-example-token")
        .doesNotContain("PRIVATE KEY")
        .doesNotContain("ssh-rsa-cert");
  }

  @Test
  void missingKeysTakeV1sDefaults() {
    Project chart =
        new Project(
            "brigade-830c16d4aaf6f5490937ad719afd8490a5bcbef064d397411043ac",
            "deis/empty-testbed",
            "ci",
            Map.of(
                "cloneURL", "https://github.com/deis/empty-testbed.git", "initGitSubmodules", ""));

    JsonNode node = RedactedProject.of(chart);

    assertThat(node.path("repo").path("name").asString()).isEqualTo("deis/empty-testbed");
    assertThat(node.path("kubernetes").path("namespace").asString()).isEqualTo("ci");
    assertThat(node.path("kubernetes").path("buildStorageSize").asString()).isEqualTo("50Mi");
    assertThat(node.path("kubernetes").path("allowSecretKeyRef").isBoolean()).isTrue();
    assertThat(node.path("kubernetes").path("allowSecretKeyRef").asBoolean()).isFalse();
    assertThat(node.path("allowPrivilegedJobs").asBoolean()).isTrue();
    assertThat(node.path("allowHostMounts").asBoolean()).isFalse();
    assertThat(node.path("initGitSubmodules").asBoolean()).isFalse();
    assertThat(node.path("secrets").isObject()).isTrue();
    assertThat(node.path("secrets").size()).isZero();
    assertThat(node.path("worker").path("pullPolicy").asString()).isEmpty();
  }

  @Test
  void flagsAreReadIgnoringCaseAndOurOwnKeysAreNotShown() {
    Project p =
        new Project(
            "brigade-x",
            "acme/x",
            "default",
            Map.of(
                "allowHostMounts", "TRUE",
                "allowPrivilegedJobs", "no",
                "kubeherd.registryGatewayToken", "registry-token",
                "kubeherd.workerMode", "pool"));

    JsonNode node = RedactedProject.of(p);

    assertThat(node.path("allowHostMounts").asBoolean()).isTrue();
    assertThat(node.path("allowPrivilegedJobs").asBoolean()).isFalse();
    assertThat(DocumentFormat.JSON.render(node))
        .doesNotContain("kubeherd.")
        .doesNotContain("registry-token");
  }

  @Test
  void secretsThatAreNotAnObjectShowAsOneRedactedString() {
    Project p = new Project("brigade-x", "acme/x", "default", Map.of("secrets", "[\"s3cr3t\"]"));

    JsonNode node = RedactedProject.of(p);

    assertThat(node.path("secrets").asString()).isEqualTo("REDACTED");
    assertThat(DocumentFormat.JSON.render(node)).doesNotContain("s3cr3t");
  }
}
