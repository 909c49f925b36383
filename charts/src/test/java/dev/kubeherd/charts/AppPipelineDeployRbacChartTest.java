package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.controller.ControllerConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An app namespace holds its pipeline (the kubeherd chart, as {@code brigadm init} and {@code
 * brigcluster} install it) and namespace-defaults; the pipeline's deploy jobs ({@code kubeherd sync
 * app}: helm) run as the chart's job service account and must be allowed to install the app chart.
 */
class AppPipelineDeployRbacChartTest {
  private static final String NS = "shop";

  /** The service account job pods run as, from the controller's rendered settings. */
  private static String jobServiceAccount(Object... sets) {
    Charts.Render render = Charts.render(Charts.KUBEHERD).namespace(NS);
    for (int i = 0; i < sets.length; i += 2) {
      render.set((String) sets[i], sets[i + 1]);
    }
    Deployment controller = render.objects().named(Deployment.class, "ci-kubeherd-controller");
    return ControllerConfig.fromEnv(Pods.resolvedEnv(Pods.container(controller), "p"))
        .worker()
        .projectServiceAccount();
  }

  /** The rules of every Role of namespace-defaults bound to {@code serviceAccount}. */
  private static List<PolicyRule> rulesOf(Rendered defaults, String serviceAccount) {
    List<PolicyRule> rules = new ArrayList<>();
    for (RoleBinding b : defaults.all(RoleBinding.class)) {
      boolean bound =
          b.getSubjects().stream()
              .anyMatch(
                  s ->
                      s.getKind().equals("ServiceAccount")
                          && s.getName().equals(serviceAccount)
                          && NS.equals(s.getNamespace()));
      if (bound) {
        rules.addAll(defaults.named(Role.class, b.getRoleRef().getName()).getRules());
      }
    }
    return rules;
  }

  @Test
  void theAppPipelinesJobServiceAccountMayInstallTheAppChart() {
    String jobs = jobServiceAccount();
    Rendered defaults =
        Charts.render(Charts.NAMESPACE_DEFAULTS).set("namespaces[0].name", NS).objects();
    Rendered app =
        Charts.renderWithHooks(Charts.APP).namespace(NS).values("web-production.yaml").objects();

    List<PolicyRule> rules = rulesOf(defaults, jobs);

    assertThat(Rbac.grants(rules, "apps", "deployments", "create"))
        .as("%s may create deployments", jobs)
        .isTrue();
    assertThat(Rbac.grants(rules, "", "secrets", "create"))
        .as("%s may store helm's release Secrets", jobs)
        .isTrue();
    for (HasMetadata o : app.objects()) {
      String group = HasMetadata.getGroup(o.getClass());
      String plural = HasMetadata.getPlural(o.getClass());
      for (String verb : List.of("get", "create", "update", "patch", "delete")) {
        assertThat(Rbac.grants(rules, group, plural, verb))
            .as("%s may %s %s.%s of the app chart", jobs, verb, plural, group)
            .isTrue();
      }
    }
  }

  @Test
  void aJobServiceAccountOfTheKubeherdChartIsBoundWhenListed() {
    String jobs = jobServiceAccount("worker.jobServiceAccount", "shop-deploy");
    Rendered defaults =
        Charts.render(Charts.NAMESPACE_DEFAULTS)
            .set("namespaces[0].name", NS)
            .set("serviceAccounts.pipelineJobs[0]", jobs)
            .objects();

    assertThat(Rbac.grants(rulesOf(defaults, jobs), "apps", "deployments", "create")).isTrue();
    assertThat(rulesOf(defaults, "brigade-worker")).as("replaced, not added").isEmpty();
  }
}
