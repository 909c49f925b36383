package dev.kubeherd.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathSecretTest {
  private static final Project WITH_SECRET =
      new Project("brigade-p", "p", "", Map.of(ProjectKeys.GENERIC_GATEWAY_SECRET, "abc123"));

  @Test
  void theProjectsSecretIsAccepted() {
    assertThat(PathSecret.refusal(WITH_SECRET, "abc123")).isEmpty();
  }

  @Test
  void anyOtherSecretIsWrong() {
    for (String given : new String[] {"abc12", "abc1234", "ABC123", "", "abc123 "}) {
      assertThat(PathSecret.refusal(WITH_SECRET, given)).as(given).contains("secret is wrong");
    }
  }

  @Test
  void aProjectWithoutASecretRefusesEvenAnEmptyOne() {
    Project none = new Project("brigade-p", "p", "", Map.of());
    Project empty =
        new Project("brigade-p", "p", "", Map.of(ProjectKeys.GENERIC_GATEWAY_SECRET, ""));

    assertThat(PathSecret.refusal(none, "")).contains(PathSecret.EMPTY);
    assertThat(PathSecret.refusal(empty, "")).contains(PathSecret.EMPTY);
  }
}
