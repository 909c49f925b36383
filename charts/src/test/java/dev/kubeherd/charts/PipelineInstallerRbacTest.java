package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kubeherd chart's opt-in pipeline installer RBAC ({@code pipelineInstaller.enabled}): what the
 * jobs of {@code NS-boot} and of the master namespace need to install a pipeline elsewhere.
 */
class PipelineInstallerRbacTest {
  private static final String NS = "cluster-system-boot";

  private static Rendered installer(Object... sets) {
    Charts.Render render =
        Charts.render(Charts.KUBEHERD)
            .namespace(NS)
            .set("pipelineInstaller.enabled", true)
            .set("gateway.ingress.enabled", true)
            .set("gateway.ingress.host", "hooks.example.com")
            .set("workerPool.enabled", true);
    for (int i = 0; i < sets.length; i += 2) {
      render.set((String) sets[i], sets[i + 1]);
    }
    return render.objects();
  }

  @Test
  void itIsOffByDefault() {
    Rendered r = Charts.render(Charts.KUBEHERD).objects();

    assertThat(r.all(ClusterRole.class)).isEmpty();
    assertThat(r.all(ClusterRoleBinding.class)).isEmpty();
  }

  @Test
  void itBindsAClusterRoleNamedAfterTheNamespaceToTheWorkerServiceAccount() {
    Rendered r = installer();

    ClusterRole role = r.one(ClusterRole.class);
    ClusterRoleBinding binding = r.one(ClusterRoleBinding.class);
    assertThat(role.getMetadata().getName()).isEqualTo("kubeherd-pipeline-installer-" + NS);
    assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getName()).isEqualTo("brigade-worker");
              assertThat(s.getNamespace()).isEqualTo(NS);
            });
  }

  @Test
  void aJobServiceAccountIsTheOneBound() {
    Rendered r = installer("worker.jobServiceAccount", "brigade-jobs");

    assertThat(r.one(ClusterRoleBinding.class).getSubjects().getFirst().getName())
        .isEqualTo("brigade-jobs");
  }

  @Test
  void itMayCreateAndUpdateEveryKindTheChartRendersAndItsNamespace() {
    Rendered r = installer();
    List<PolicyRule> rules = r.one(ClusterRole.class).getRules();

    assertThat(grants(rules, "", "namespaces", "create")).isTrue();
    for (HasMetadata o : r.objects()) {
      String group = HasMetadata.getGroup(o.getClass());
      String plural = HasMetadata.getPlural(o.getClass());
      for (String verb : List.of("get", "create", "update", "patch")) {
        assertThat(grants(rules, group, plural, verb)).as("%s %s.%s", verb, plural, group).isTrue();
      }
    }
  }

  @Test
  void itHoldsEveryPermissionTheChartsRolesGrantSoCreatingThemIsNoEscalation() {
    Rendered r = installer();

    assertHoldsWhatTheRolesGrant(r.one(ClusterRole.class).getRules(), r);
  }

  /** The cluster level's kubeherd sync worker installs namespace-defaults in each app namespace. */
  @Test
  void itMayInstallNamespaceDefaultsInAnotherNamespace() {
    List<PolicyRule> rules = installer().one(ClusterRole.class).getRules();
    Rendered defaults =
        Charts.render(Charts.NAMESPACE_DEFAULTS)
            .namespace(NS)
            .set("namespaces[0].name", "shop")
            .set("networkPolicies.restrictEgress", true)
            .set("networkPolicies.allowedCIDRs[0]", "10.0.0.0/16")
            .set("serviceAccounts.devops.create", true)
            .objects();

    for (HasMetadata o : defaults.objects()) {
      String group = HasMetadata.getGroup(o.getClass());
      String plural = HasMetadata.getPlural(o.getClass());
      for (String verb : List.of("get", "create", "update", "patch")) {
        assertThat(grants(rules, group, plural, verb)).as("%s %s.%s", verb, plural, group).isTrue();
      }
    }
    assertHoldsWhatTheRolesGrant(rules, defaults);
  }

  @Test
  void withoutNamespaceDefaultsItMayInstallPipelinesOnly() {
    List<PolicyRule> rules =
        installer("pipelineInstaller.namespaceDefaults", false).one(ClusterRole.class).getRules();

    assertThat(grants(rules, "networking.k8s.io", "networkpolicies", "create")).isFalse();
    assertThat(grants(rules, "", "pods/exec", "create")).isFalse();
    assertThat(grants(rules, "", "namespaces", "create")).isTrue();
  }

  private static void assertHoldsWhatTheRolesGrant(List<PolicyRule> rules, Rendered r) {
    assertThat(r.all(Role.class)).isNotEmpty();
    for (Role role : r.all(Role.class)) {
      for (PolicyRule granted : role.getRules()) {
        for (String group : granted.getApiGroups()) {
          for (String resource : granted.getResources()) {
            for (String verb : granted.getVerbs()) {
              assertThat(grants(rules, group, resource, verb))
                  .as("Role/%s: %s %s.%s", role.getMetadata().getName(), verb, resource, group)
                  .isTrue();
            }
          }
        }
      }
    }
  }

  private static boolean grants(
      List<PolicyRule> rules, String group, String resource, String verb) {
    return Rbac.grants(rules, group, resource, verb);
  }
}
