package dev.kubeherd.toolkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code brigadm init}'s resolved inputs → the Brigade v1 project. */
class PipelineSpecTest {
  private static PipelineSpec spec(Optional<String> key, Map<String, String> secrets) {
    return new PipelineSpec(
        "cluster",
        "acme/cluster-repo",
        null,
        key,
        Optional.of("// default"),
        Optional.of("ci/brigade.js"),
        secrets,
        Map.of("CLUSTER", "k8stest1"),
        Optional.of("ghp_token"),
        Optional.of("webhook-secret"));
  }

  @Test
  void aKeyMeansAnSshCloneAndEverySettingLandsInItsV1Key() {
    Project p = spec(Optional.of("KEY"), Map.of("SLACK", "hook")).toProject();

    assertThat(p.id()).isEqualTo(ProjectIds.fromName("acme/cluster-repo"));
    assertThat(p.name()).isEqualTo("acme/cluster-repo");
    assertThat(p.namespace()).isEqualTo("cluster");
    assertThat(p.data())
        .containsEntry("repository", "github.com/acme/cluster-repo")
        .containsEntry("cloneURL", "git@github.com:acme/cluster-repo.git")
        .containsEntry("vcsSidecar", "brigadecore/git-sidecar:v1.5.0")
        .containsEntry("sshKey", "KEY")
        .containsEntry("defaultScript", "// default")
        .containsEntry("brigadejsPath", "ci/brigade.js")
        .containsEntry("github.token", "ghp_token")
        .containsEntry("sharedSecret", "webhook-secret")
        .containsEntry("secrets", "{\"CLUSTER\":\"k8stest1\",\"SLACK\":\"hook\"}");
  }

  @Test
  void aKeyComesWithAnEmptySshCertSoJobPodsVcsSidecarCanStart() {
    Project p = spec(Optional.of("KEY"), Map.of()).toProject();

    assertThat(p.get("sshCert")).contains("");
  }

  @Test
  void withoutAKeyTheCloneIsHttps() {
    Project p = spec(Optional.empty(), Map.of()).toProject();

    assertThat(p.cloneUrl()).isEqualTo("https://github.com/acme/cluster-repo.git");
    assertThat(p.get("sshKey")).isEmpty();
  }

  @Test
  void aSecretAndAnEnvOfTheSameNameAreRefused() {
    assertThatThrownBy(() -> spec(Optional.empty(), Map.of("CLUSTER", "x")).toProject())
        .isInstanceOf(PipelineInputException.class)
        .hasMessageContaining("--secret CLUSTER and --env CLUSTER");
  }
}
