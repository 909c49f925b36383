package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.controller.WorkerPodConfig.WorkerResources;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A namespace-defaults ResourceQuota on a container resource makes the API server refuse every pod
 * whose containers do not have it once the LimitRange's defaults are applied; the pods of the app
 * chart, of the kubeherd chart and the worker and job pods its controller starts must all pass.
 */
class NamespaceQuotaAdmissionChartTest {
  private static final Pattern COMPUTE =
      Pattern.compile("(requests\\.|limits\\.)?(cpu|memory|ephemeral-storage)");

  private static Rendered defaults(Object... sets) {
    Charts.Render render =
        Charts.render(Charts.NAMESPACE_DEFAULTS).set("namespaces[0].name", "shop");
    for (int i = 0; i < sets.length; i += 2) {
      render.set((String) sets[i], sets[i + 1]);
    }
    return render.objects();
  }

  @Test
  void everyContainerOfTheAppAndKubeherdPodsHasWhatTheDefaultQuotaTracks() {
    Rendered ns = defaults();
    Map<String, String> hard = new HashMap<>();
    ns.one(ResourceQuota.class).getSpec().getHard().forEach((k, v) -> hard.put(k, v.toString()));
    LimitRangeItem limits = ns.one(LimitRange.class).getSpec().getLimits().getFirst();

    Map<String, ResourceRequirements> containers = containers();

    assertThat(containers).hasSizeGreaterThan(6);
    containers.forEach(
        (what, resources) -> {
          Admitted admitted = Admitted.by(resources, limits);
          for (String tracked : hard.keySet()) {
            Matcher m = COMPUTE.matcher(tracked);
            if (m.matches()) {
              boolean isLimit = "limits.".equals(m.group(1));
              assertThat(isLimit ? admitted.limits() : admitted.requests())
                  .as("%s: the quota tracks %s", what, tracked)
                  .containsKey(m.group(2));
            }
          }
        });
  }

  @Test
  void aQuotaOnCpuLimitsWithoutADefaultCpuLimitIsRefused() {
    String error =
        Charts.render(Charts.NAMESPACE_DEFAULTS)
            .set("namespaces[0].name", "shop")
            .set("namespaces[0].quota.limits\\.cpu", "8")
            .failure();

    assertThat(error)
        .contains("namespaces: shop: the quota tracks limits.cpu but limits.default sets no cpu")
        .contains("Set limits.default.cpu or leave limits.cpu out of the quota");
  }

  @Test
  void aQuotaOnCpuLimitsWithADefaultCpuLimitRenders() {
    Rendered ns = defaults("quota.limits\\.cpu", "8", "limits.default.cpu", "1");

    assertThat(ns.one(ResourceQuota.class).getSpec().getHard())
        .containsEntry("limits.cpu", new Quantity("8"));
  }

  /** Every container the charts run and the controller starts, by where it comes from. */
  private static Map<String, ResourceRequirements> containers() {
    Map<String, ResourceRequirements> out = new LinkedHashMap<>();
    addPods(out, "app (defaults)", Charts.render(Charts.APP).objects());
    addPods(
        out,
        "app web-production",
        Charts.renderWithHooks(Charts.APP).values("web-production.yaml").objects());
    Rendered kubeherd =
        Charts.render(Charts.KUBEHERD).namespace("shop").set("workerPool.enabled", true).objects();
    addPods(out, "kubeherd", kubeherd);
    Container controller =
        Pods.container(kubeherd.named(Deployment.class, "ci-kubeherd-controller"));
    WorkerResources worker =
        ControllerConfig.fromEnv(Pods.resolvedEnv(controller, "p")).worker().resources();
    out.put("worker pod (controller.workerResources)", requirements(worker));
    out.put("job pod without resources (brigade.js sets none)", new ResourceRequirements());
    return out;
  }

  private static void addPods(Map<String, ResourceRequirements> out, String chart, Rendered r) {
    for (Deployment d : r.all(Deployment.class)) {
      addContainers(out, chart + " Deployment/" + d.getMetadata().getName(), podOf(d));
    }
    for (Job j : r.all(Job.class)) {
      addContainers(
          out, chart + " Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec());
    }
  }

  private static PodSpec podOf(Deployment d) {
    return d.getSpec().getTemplate().getSpec();
  }

  private static void addContainers(
      Map<String, ResourceRequirements> out, String what, PodSpec pod) {
    for (Container c : pod.getContainers()) {
      out.put(what + " container " + c.getName(), c.getResources());
    }
    for (Container c : pod.getInitContainers()) {
      out.put(what + " init container " + c.getName(), c.getResources());
    }
  }

  /** What the worker pod factory sets from the controller's settings: only what is not empty. */
  private static ResourceRequirements requirements(WorkerResources w) {
    ResourceRequirements r = new ResourceRequirements();
    Map<String, Quantity> requests = new HashMap<>();
    Map<String, Quantity> limits = new HashMap<>();
    put(requests, "cpu", w.requestsCpu());
    put(requests, "memory", w.requestsMemory());
    put(limits, "cpu", w.limitsCpu());
    put(limits, "memory", w.limitsMemory());
    r.setRequests(requests);
    r.setLimits(limits);
    return r;
  }

  private static void put(Map<String, Quantity> into, String resource, String amount) {
    if (!amount.isEmpty()) {
      into.put(resource, new Quantity(amount));
    }
  }

  /**
   * A container's resources as admission sees them: a limit without a request sets the request (API
   * defaulting); then the LimitRanger fills missing limits from {@code default} and missing
   * requests from {@code defaultRequest}, else {@code default} (LimitRange defaulting).
   */
  record Admitted(Map<String, Quantity> requests, Map<String, Quantity> limits) {
    static Admitted by(ResourceRequirements r, LimitRangeItem range) {
      Map<String, Quantity> limits = new HashMap<>(orEmpty(r == null ? null : r.getLimits()));
      Map<String, Quantity> requests = new HashMap<>(orEmpty(r == null ? null : r.getRequests()));
      limits.forEach(requests::putIfAbsent);
      orEmpty(range.getDefault()).forEach(limits::putIfAbsent);
      orEmpty(range.getDefaultRequest()).forEach(requests::putIfAbsent);
      orEmpty(range.getDefault()).forEach(requests::putIfAbsent);
      return new Admitted(requests, limits);
    }

    private static Map<String, Quantity> orEmpty(Map<String, Quantity> m) {
      return Optional.ofNullable(m).orElse(Map.of());
    }
  }
}
