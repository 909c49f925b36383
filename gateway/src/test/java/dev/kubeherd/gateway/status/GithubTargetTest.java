package dev.kubeherd.gateway.status;

import static dev.kubeherd.gateway.status.TestBuilds.SHA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Revision;
import java.time.Instant;
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

  @Test
  void aCommitThatIsNotAShaIsNamedNotCalledMissing() {
    Build build = pushNaming(new Revision("abc123", "refs/heads/main"), TestBuilds.PUSH);

    assertThatThrownBy(() -> GithubTarget.of(build))
        .isInstanceOf(UnreportableBuildException.class)
        .hasMessageContaining("\"abc123\" is not a commit SHA")
        .hasMessageNotContaining("names no commit");
  }

  @Test
  void aBuildWithoutAnyCommitIsSaidToNameNone() {
    Build build =
        pushNaming(new Revision("", ""), "{\"repository\":{\"full_name\":\"acme/rocket\"}}");

    assertThatThrownBy(() -> GithubTarget.of(build))
        .isInstanceOf(UnreportableBuildException.class)
        .hasMessageContaining("names no commit");
  }

  private static Build pushNaming(Revision revision, String payload) {
    BuildRequest request =
        BuildRequest.of("brigade-p", "push", "github").withRevision(revision).withPayload(payload);
    return new Build("b1", request, Instant.EPOCH, BuildStatus.pending());
  }
}
