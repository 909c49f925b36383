package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.KubeTarget;
import dev.kubeherd.cli.ops.ComponentCheck.Replicas;
import dev.kubeherd.kube.store.KubeRetry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code brig check} looks at in a namespace: the chart's controller Deployment (required),
 * its gateway Deployment (required unless the chart left it out: gateway.enabled=false), its
 * worker-pool Deployment (when deployed; scaled to 0 is off, unless the controller's {@code
 * KUBEHERD_WORKER_MODE=pool} sends builds to it: then a pool at 0 replicas, or none, fails), and
 * the vacuum, which the controller leader runs every {@code KUBEHERD_VACUUM_INTERVAL} (no CronJob
 * as in v1; 0 is off). Off components are informational, not failures.
 *
 * <p>The rendered objects cannot tell gateway.enabled=false from a gateway deleted by hand (the
 * chart leaves out the gateway's Deployment, Service, RBAC and Secret alike and marks nothing on
 * the controller), so a missing gateway Deployment counts as off when the controller is there and
 * no gateway Service either, with a hint for when it should be on; a Service without its
 * Deployment, or no controller either, is a failure.
 */
final class KubeherdComponents {
  static final String VACUUM = "vacuum";
  static final String VACUUM_INTERVAL = "KUBEHERD_VACUUM_INTERVAL";
  static final String DEFAULT_VACUUM_INTERVAL = "1h";
  static final String WORKER_MODE = "KUBEHERD_WORKER_MODE";
  private static final String POOL_FIX =
      "; they stay Pending: scale the pool up (chart values workerPool.enabled=true,"
          + " workerPool.replicas) or send builds to worker pods (controller.workerMode=pod)";
  private static final Pattern ZERO = Pattern.compile("0+[a-z]*");

  private final KubeTarget target;

  KubeherdComponents(KubeTarget target) {
    this.target = target;
  }

  /** One check per Deployment found (or a failed one per missing required component). */
  List<ComponentCheck> check() {
    List<Deployment> controllers = deployments(ChartLabels.CONTROLLER);
    List<ComponentCheck> checks = new ArrayList<>(required(ChartLabels.CONTROLLER, controllers));
    checks.addAll(gateway(controllers.isEmpty()));
    checks.addAll(workerPools(poolMode(controllers)));
    checks.addAll(vacuum(controllers));
    return checks;
  }

  private List<Deployment> deployments(String component) {
    return KubeRetry.standard()
        .call(
            "list the " + component + " Deployments in namespace " + target.namespace(),
            () ->
                target
                    .client()
                    .apps()
                    .deployments()
                    .inNamespace(target.namespace())
                    .withLabels(ChartLabels.of(component))
                    .list())
        .getItems()
        .stream()
        .sorted(Comparator.comparing(d -> d.getMetadata().getName()))
        .toList();
  }

  /** The gateway Deployments, or why there is none: off by the chart, or missing. */
  private List<ComponentCheck> gateway(boolean noController) {
    List<Deployment> found = deployments(ChartLabels.GATEWAY);
    if (!found.isEmpty() || noController || hasGatewayService()) {
      return required(ChartLabels.GATEWAY, found);
    }
    return List.of(
        new ComponentCheck(
            ChartLabels.GATEWAY,
            "",
            ComponentCheck.State.OFF,
            "off (no gateway Deployment or Service, as the chart's gateway.enabled=false leaves"
                + " them out): no webhooks or dashboard are served here; if it should be on,"
                + " upgrade the release with gateway.enabled=true",
            Optional.empty()));
  }

  private boolean hasGatewayService() {
    return !GatewayTarget.services(target).isEmpty();
  }

  /** The controller whose {@code KUBEHERD_WORKER_MODE=pool} sends builds to a pool, if any. */
  private static Optional<String> poolMode(List<Deployment> controllers) {
    return controllers.stream()
        .filter(c -> env(c, WORKER_MODE).map(m -> m.strip().equalsIgnoreCase("pool")).orElse(false))
        .map(c -> c.getMetadata().getName())
        .findFirst();
  }

  /** The worker-pool Deployments; none is fine unless the controller sends builds to a pool. */
  private List<ComponentCheck> workerPools(Optional<String> poolModeController) {
    List<Deployment> pools = deployments(ChartLabels.WORKER_POOL);
    if (pools.isEmpty() && poolModeController.isPresent()) {
      return List.of(
          new ComponentCheck(
              ChartLabels.WORKER_POOL,
              "",
              ComponentCheck.State.FAILED,
              "no worker-pool Deployment in namespace "
                  + target.namespace()
                  + ", but "
                  + sentByPool(poolModeController.get())
                  + POOL_FIX,
              Optional.empty()));
    }
    return pools.stream().map(d -> workerPool(d, poolModeController)).toList();
  }

  /** A worker pool scaled to 0 on purpose is off, not failing, unless builds are sent to it. */
  private static ComponentCheck workerPool(Deployment d, Optional<String> poolModeController) {
    Replicas replicas = replicas(d);
    if (replicas.desired() > 0) {
      return of(ChartLabels.WORKER_POOL, d);
    }
    if (poolModeController.isPresent()) {
      return new ComponentCheck(
          ChartLabels.WORKER_POOL,
          d.getMetadata().getName(),
          ComponentCheck.State.FAILED,
          "scaled to 0 replicas, but " + sentByPool(poolModeController.get()) + POOL_FIX,
          Optional.of(replicas));
    }
    return new ComponentCheck(
        ChartLabels.WORKER_POOL,
        d.getMetadata().getName(),
        ComponentCheck.State.OFF,
        "off (scaled to 0 replicas)",
        Optional.of(replicas));
  }

  private static String sentByPool(String controller) {
    return "controller "
        + controller
        + " has "
        + WORKER_MODE
        + "=pool (chart value controller.workerMode=pool), so builds of projects that choose no"
        + " worker mode are left to a pool";
  }

  private List<ComponentCheck> required(String component, List<Deployment> found) {
    if (found.isEmpty()) {
      return List.of(
          new ComponentCheck(
              component,
              "",
              ComponentCheck.State.FAILED,
              "no Deployment labelled "
                  + ChartLabels.selector(component)
                  + " in namespace "
                  + target.namespace(),
              Optional.empty()));
    }
    return found.stream().map(d -> of(component, d)).toList();
  }

  static ComponentCheck of(String component, Deployment d) {
    Replicas replicas = replicas(d);
    return new ComponentCheck(
        component,
        d.getMetadata().getName(),
        replicas.allReady() ? ComponentCheck.State.READY : ComponentCheck.State.FAILED,
        replicas.ready() + "/" + replicas.desired() + " replicas ready",
        Optional.of(replicas));
  }

  static Replicas replicas(Deployment d) {
    Integer desired = d.getSpec() == null ? null : d.getSpec().getReplicas();
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return new Replicas(ready == null ? 0 : ready, desired == null ? 1 : desired);
  }

  /** The vacuum of each controller Deployment: on or off by its env, and running when it is. */
  private static List<ComponentCheck> vacuum(List<Deployment> controllers) {
    if (controllers.isEmpty()) {
      return List.of(
          new ComponentCheck(
              VACUUM,
              "",
              ComponentCheck.State.FAILED,
              "the controller runs the vacuum, and there is no controller",
              Optional.empty()));
    }
    return controllers.stream().map(KubeherdComponents::vacuumOf).toList();
  }

  static ComponentCheck vacuumOf(Deployment controller) {
    String name = controller.getMetadata().getName();
    String interval = env(controller, VACUUM_INTERVAL).orElse(DEFAULT_VACUUM_INTERVAL);
    if (ZERO.matcher(interval.strip()).matches()) {
      return new ComponentCheck(
          VACUUM,
          name,
          ComponentCheck.State.OFF,
          "off ("
              + VACUUM_INTERVAL
              + "="
              + interval
              + " on the controller, chart value vacuum.enabled=false): finished builds are"
              + " never deleted",
          Optional.empty());
    }
    String limits =
        env(controller, "VACUUM_AGE").map(v -> ", VACUUM_AGE=" + v).orElse("")
            + env(controller, "VACUUM_MAX_BUILDS").map(v -> ", VACUUM_MAX_BUILDS=" + v).orElse("");
    boolean running = replicas(controller).ready() > 0;
    return new ComponentCheck(
        VACUUM,
        name,
        running ? ComponentCheck.State.READY : ComponentCheck.State.FAILED,
        (running
                ? "run by the controller every "
                : "not running (no controller replica ready; every ")
            + interval
            + limits
            + (running ? "" : ")"),
        Optional.empty());
  }

  private static Optional<String> env(Deployment d, String name) {
    if (d.getSpec() == null
        || d.getSpec().getTemplate() == null
        || d.getSpec().getTemplate().getSpec() == null) {
      return Optional.empty();
    }
    return d.getSpec().getTemplate().getSpec().getContainers().stream()
        .map(Container::getEnv)
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(e -> name.equals(e.getName()))
        .map(EnvVar::getValue)
        .filter(Objects::nonNull)
        .findFirst();
  }
}
