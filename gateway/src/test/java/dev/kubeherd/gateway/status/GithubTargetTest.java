package dev.kubeherd.gateway.status;

import static dev.kubeherd.gateway.status.TestBuilds.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.BuildRequest;
import org.junit.jupiter.api.Test;

class GithubTargetTest {

  @Test
  void onlyPlainPushPullRequestAndDeploymentBuildsFromGithubAreReported() {
    assertThat(GithubTarget.reportable(BuildRequest.of("p", "push", "github"))).isTrue();
    assertThat(GithubTarget.reportable(BuildRequest.of("p", "pull_request", "github"))).isTrue();
    assertThat(GithubTarget.reportable(BuildRequest.of("p", "deployment", "github"))).isTrue();
    assertThat(GithubTarget.reportable(BuildRequest.of("p", "pull_request:opened", "github")))
        .as("the same delivery's qualified build")
        .isFalse();
    assertThat(GithubTarget.reportable(BuildRequest.of("p", "deployment_status", "github")))
        .as("our own statuses would trigger it")
        .isFalse();
    assertThat(GithubTarget.reportable(BuildRequest.of("p", "push", "brigade-cli"))).isFalse();
  }

  @Test
  void aDeploymentNamesItsRepositoryDeploymentAndEnvironmentUrl() {
    GithubTarget target =
        GithubTarget.of(TestBuilds.pending("b1", "deployment", TestBuilds.DEPLOYMENT));

    assertThat(target.repoPath()).isEqualTo("/repos/acme/rocket");
    assertThat(target.deploymentId()).hasValue(42);
    assertThat(target.sha()).isEqualTo(SHA);
    assertThat(target.environmentUrl()).contains("https://rocket.example.com");
    assertThat(target.installationId()).isEmpty();
  }

  @Test
  void aDeploymentPayloadGivenAsAStringOfJsonStillYieldsItsEnvironmentUrl() {
    String payload =
        TestBuilds.DEPLOYMENT.replace(
            "{\"environment_url\":\"https://rocket.example.com\"}",
            "\"{\\\"environment_url\\\":\\\"https://string.example.com\\\"}\"");

    GithubTarget target = GithubTarget.of(TestBuilds.pending("b1", "deployment", payload));

    assertThat(target.environmentUrl()).contains("https://string.example.com");
  }

  @Test
  void theInstallationIsReadFromThePayload() {
    GithubTarget target =
        GithubTarget.of(
            TestBuilds.pending("b1", "push", TestBuilds.fromInstallation(TestBuilds.PUSH, 7)));

    assertThat(target.installationId()).hasValue(7);
  }

  @Test
  void aPayloadWithoutRepositoryIsUnreportable() {
    assertThatThrownBy(() -> GithubTarget.of(TestBuilds.pending("b1", "push", "{\"ref\":\"x\"}")))
        .isInstanceOf(UnreportableBuildException.class)
        .hasMessageContaining("repository.full_name");
  }

  @Test
  void aDeploymentWithoutIdIsUnreportable() {
    String payload = TestBuilds.DEPLOYMENT.replace("\"id\":42,", "");

    assertThatThrownBy(() -> GithubTarget.of(TestBuilds.pending("b1", "deployment", payload)))
        .isInstanceOf(UnreportableBuildException.class)
        .hasMessageContaining("deployment.id");
  }

  @Test
  void aRepositoryNameThatWouldEscapeThePathIsUnreportable() {
    String payload = TestBuilds.PUSH.replace("acme/rocket", "acme/../../admin");

    assertThatThrownBy(() -> GithubTarget.of(TestBuilds.pending("b1", "push", payload)))
        .isInstanceOf(UnreportableBuildException.class);
  }
}
