package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The app chart's migrations Job is a {@code pre-install,pre-upgrade} hook: Helm runs it before any
 * object of the release is created (install) or upgraded (upgrade), so whatever it uses must either
 * exist beforehand or be a hook of the same events that Helm creates before it.
 */
class AppMigrationsHookChartTest {
  private static final String RELEASE = "shop-web-3f2c1ab";
  private static final String WEIGHT = Charts.HOOK_IN_COPY + "-weight";
  private static final String DELETE_POLICY = Charts.HOOK_IN_COPY + "-delete-policy";

  /** What web-production.yaml names as existing: envFromSecrets and imagePullSecrets. */
  private static final Set<String> EXISTING = Set.of("shop-web-secrets", "ecr-pull");

  private static Rendered withHooks() {
    return Charts.renderWithHooks(Charts.APP)
        .release(RELEASE)
        .values("web-production.yaml")
        .objects();
  }

  private static Job migrations(Rendered r) {
    return r.all(Job.class).stream()
        .filter(j -> hook(j).contains("pre-install"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pre-install hook Job rendered"));
  }

  @Test
  void everyObjectTheMigrationsJobUsesIsAHookOfTheSameEventsCreatedBeforeIt() {
    Rendered r = withHooks();
    Job job = migrations(r);

    List<HasMetadata> used = used(r, job.getSpec().getTemplate().getSpec());

    assertThat(used).extracting(HasMetadata::getKind).contains("ServiceAccount", "ConfigMap");
    int jobWeight = weight(job);
    for (HasMetadata o : used) {
      String what = o.getKind() + "/" + o.getMetadata().getName();
      assertThat(hook(o)).as("%s is a hook of the Job's events", what).isEqualTo(hook(job));
      assertThat(weight(o)).as("%s hook weight", what).isLessThan(jobWeight);
      assertThat(o.getMetadata().getAnnotations().get(DELETE_POLICY))
          .as("%s is replaced on the next run", what)
          .contains("before-hook-creation");
    }
  }

  @Test
  void theMigrationsSeeTheEnvironmentOfTheVersionBeingInstalled() {
    Rendered r = withHooks();
    Job job = migrations(r);
    Container c = job.getSpec().getTemplate().getSpec().getContainers().getFirst();

    String envMap = c.getEnvFrom().getFirst().getConfigMapRef().getName();
    assertThat(r.named(ConfigMap.class, envMap).getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "RAILS_ENV", "production", "RAILS_LOG_TO_STDOUT", "true", "WEB_CONCURRENCY", "2"));
    assertThat(r.named(ServiceAccount.class, RELEASE + "-migrate").getMetadata().getAnnotations())
        .as("the app's pod identity (IRSA)")
        .containsEntry("eks.amazonaws.com/role-arn", "arn:aws:iam::123456789012:role/shop-web");
  }

  /** The chart's objects {@code pod} refers to; a name the chart does not render fails. */
  private static List<HasMetadata> used(Rendered r, PodSpec pod) {
    List<HasMetadata> used = new ArrayList<>();
    used.add(r.named(ServiceAccount.class, pod.getServiceAccountName()));
    for (Container c : pod.getContainers()) {
      for (EnvFromSource from : c.getEnvFrom()) {
        if (from.getConfigMapRef() != null) {
          add(used, r, ConfigMap.class, from.getConfigMapRef().getName());
        }
        if (from.getSecretRef() != null) {
          add(used, r, Secret.class, from.getSecretRef().getName());
        }
      }
      for (EnvVar e : c.getEnv()) {
        if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
          add(used, r, ConfigMap.class, e.getValueFrom().getConfigMapKeyRef().getName());
        }
        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
          add(used, r, Secret.class, e.getValueFrom().getSecretKeyRef().getName());
        }
      }
    }
    for (Volume v : pod.getVolumes()) {
      if (v.getConfigMap() != null) {
        add(used, r, ConfigMap.class, v.getConfigMap().getName());
      }
      if (v.getSecret() != null) {
        add(used, r, Secret.class, v.getSecret().getSecretName());
      }
    }
    return used;
  }

  private static <T extends HasMetadata> void add(
      List<HasMetadata> used, Rendered r, Class<T> type, String name) {
    if (!EXISTING.contains(name)) {
      used.add(r.named(type, name));
    }
  }

  private static String hook(HasMetadata o) {
    Map<String, String> annotations = o.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(Charts.HOOK_IN_COPY, "");
  }

  private static int weight(HasMetadata o) {
    return Integer.parseInt(o.getMetadata().getAnnotations().getOrDefault(WEIGHT, "0"));
  }
}
