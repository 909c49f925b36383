package dev.kubeherd.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusRequestsTest {
  private final Build deployment = TestBuilds.pending("01abc", "deployment", TestBuilds.DEPLOYMENT);

  private static StatusRequests requests(Optional<String> dashboard) {
    return new StatusRequests(
        new StatusSettings(
            dashboard, GithubAppSettings.none(), 1, Duration.ZERO, Duration.ofSeconds(1)));
  }

  @Test
  void descriptionsAreCutTo140Characters() {
    Build failed = TestBuilds.failed(deployment, "x".repeat(500));

    String description = StatusRequests.description(failed, BuildOutcome.FAILURE);

    assertThat(description).hasSize(140).startsWith("Build 01abc failed: xxx").endsWith("…");
  }

  @Test
  void withoutADashboardNoLinkIsSent() {
    GithubRequest request =
        requests(Optional.empty())
            .deploymentStatus(
                GithubTarget.of(deployment), deployment, BuildOutcome.RUNNING, Optional.empty());

    assertThat(request.body()).containsOnlyKeys("state", "description");
  }

  @Test
  void withADashboardTheBuildPageIsTheLink() {
    GithubRequest request =
        requests(Optional.of("https://ci.example.com/"))
            .commitStatus(GithubTarget.of(deployment), deployment, BuildOutcome.RUNNING);

    assertThat(request.body()).containsEntry("target_url", "https://ci.example.com/builds/01abc");
  }
}
