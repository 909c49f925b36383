package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.Role;
import org.junit.jupiter.api.Test;

/** What the controller's Role lets its vacuum delete. */
class ControllerRoleChartTest {
  private static final String CONTROLLER = "ci-kubeherd-controller";

  @Test
  void vacuumMayDeleteTheBuildStoragePvcsKilledWorkersLeft() {
    Role role = Charts.render(Charts.KUBEHERD).objects().named(Role.class, CONTROLLER);

    assertThat(role.getRules())
        .anySatisfy(
            rule -> {
              assertThat(rule.getApiGroups()).containsExactly("");
              assertThat(rule.getResources()).contains("persistentvolumeclaims");
              assertThat(rule.getVerbs()).contains("list", "delete");
            });
  }
}
