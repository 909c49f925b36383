package dev.kubeherd.kube.brigade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.secret.InvalidProjectSecretException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectSecretsTest {
  private static final String WHALE_EYES_ID =
      "brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "e2eproject, brigade-5b55ed522537b663e178f751959d234fd650d626f33f70557b2e82",
    "deis/empty-testbed, brigade-830c16d4aaf6f5490937ad719afd8490a5bcbef064d397411043ac",
    "brigadecore/empty-testbed, brigade-4897c99315be5d2a2403ea33bdcb24f8116dc69613d5917d879d5f",
    "technosophos/-whale-eyes-, brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00",
    "brigade-foo, brigade-foo",
  })
  void projectSecretIsNamedByTheV1IdRule(String name, String id) {
    Project project = new Project(ProjectIds.fromName(name), name, "default", Map.of());

    assertThat(ProjectIds.fromName(name)).isEqualTo(id);
    assertThat(ProjectSecrets.toSecret(project, "default").getMetadata().getName()).isEqualTo(id);
  }

  @Test
  void shortShaMatchesTheV1UnitTestVector() {
    assertThat(ProjectIds.shortSha("I Break For Sea Beasts\n"))
        .isEqualTo("c635ce8f0388d039ac9a01d60cfb362dbca8e0722000b614bee75e");
  }

  @Test
  void brigWrittenSecretReadsAsTheProject() {
    Project p = ProjectSecrets.fromSecret(Golden.secret("project-brig-whale-eyes.yaml"));

    assertThat(p.id()).isEqualTo(WHALE_EYES_ID);
    assertThat(p.name()).isEqualTo("technosophos/-whale-eyes-");
    assertThat(p.namespace()).isEqualTo("default");
    assertThat(p.repository()).isEqualTo("github.com/technosophos/-whale-eyes-");
    assertThat(p.secretsJson()).isEqualTo("{\"bar\":\"baz\",\"foo\":\"bar\"}");
    assertThat(p.get(ProjectKeys.DEFAULT_SCRIPT)).contains("");
    assertThat(p.flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, true)).isFalse();
    assertThat(p.data()).hasSize(16);
  }

  @Test
  void projectIsWrittenExactlyAsBrigWritesIt() {
    Secret golden = Golden.secret("project-brig-whale-eyes.yaml");
    Project p = ProjectSecrets.fromSecret(golden);

    Secret written = ProjectSecrets.toSecret(p, "default");

    assertThat(Golden.tree(written)).isEqualTo(Golden.tree("project-brig-whale-eyes.yaml"));
  }

  @Test
  void chartWrittenStringDataIsRead() {
    Secret chart = Golden.secret("project-chart-stringdata.yaml");

    Project p = ProjectSecrets.fromSecret(chart);

    assertThat(ProjectSecrets.isProject(chart)).isTrue();
    assertThat(p.id()).isEqualTo(ProjectIds.fromName("deis/empty-testbed"));
    assertThat(p.name()).isEqualTo("deis/empty-testbed");
    assertThat(p.cloneUrl()).isEqualTo("https://github.com/deis/empty-testbed.git");
    assertThat(p.secretsJson()).isEqualTo("{\"dbPassword\":\"hunter2\"}");
    assertThat(p.get(ProjectKeys.SSH_KEY)).contains("");
    assertThat(p.flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, false)).isTrue();
  }

  @Test
  void stringDataWinsOverDataAsOnAnApiServer() {
    Secret both =
        new SecretBuilder(Golden.secret("project-chart-stringdata.yaml"))
            .addToData(ProjectKeys.REPOSITORY, "Z2l0aHViLmNvbS9vbGQ=") // github.com/old
            .addToData("onlyInData", "eA==")
            .build();

    Project p = ProjectSecrets.fromSecret(both);

    assertThat(p.repository()).isEqualTo("github.com/deis/empty-testbed");
    assertThat(p.value("onlyInData")).isEqualTo("x");
  }

  @Test
  void oldChartSecretWithMissingKeysAndNoNameIsStillAProject() {
    Secret old = Golden.secret("project-old-chart-missing-keys.yaml");

    Project p = ProjectSecrets.fromSecret(old);

    assertThat(ProjectSecrets.isProject(old)).isTrue();
    assertThat(p.name()).isEmpty();
    assertThat(p.data()).containsOnlyKeys("repository", "cloneURL", "sshKey");
    assertThat(p.get(ProjectKeys.VCS_SIDECAR)).isEmpty();
    assertThat(p.flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, true)).isTrue();
  }

  @Test
  void secretOfAnotherKindIsNotAProject() {
    assertThat(ProjectSecrets.isProject(Golden.secret("build-brig.yaml"))).isFalse();
  }

  @Test
  void valueThatIsNotBase64IsReportedWithTheSecretAndKey() {
    Secret bad =
        new SecretBuilder(Golden.secret("project-brig-whale-eyes.yaml"))
            .addToData("sharedSecret", "%%% not base64")
            .build();

    assertThatThrownBy(() -> ProjectSecrets.fromSecret(bad))
        .isInstanceOf(InvalidProjectSecretException.class)
        .hasMessageContaining(WHALE_EYES_ID)
        .hasMessageContaining("data.sharedSecret is not valid base64");
  }
}
