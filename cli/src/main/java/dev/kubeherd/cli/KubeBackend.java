package dev.kubeherd.cli;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.OrphanedJobs;
import dev.kubeherd.kube.KubeClients;
import dev.kubeherd.kube.store.ConfigMapDeliveries;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.kube.store.PodLogFallback;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.kube.store.V1WorkerPodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes mode: the project and build Secrets of a namespace (brig v1's storage, so v1 tools see
 * the same projects and builds), logs in ConfigMaps (or, for builds a v1 worker ran, in their
 * pods), workers started by the controller.
 */
final class KubeBackend {
  /** Log followers re-read a log ConfigMap this often (each read is an API call). */
  static final Duration LOG_POLL = Duration.ofMillis(500);

  static final String VCS_SIDECAR = "vcs-sidecar";

  private KubeBackend() {}

  static Backend connect(GlobalOptions options, Map<String, String> env, Clock clock) {
    if (options.kubeconfig().isEmpty() && !inCluster(env)) {
      List<String> missing = KubeClients.missingKubeconfigs();
      if (!missing.isEmpty()) {
        // else the client tries https://kubernetes.default.svc for seconds, then fails vaguely
        throw new CliException(
            "no kubeconfig found ("
                + String.join(", ", missing)
                + (missing.size() == 1 ? " does" : " do")
                + " not exist) and not running in a cluster: pass --kubeconfig FILE (or set"
                + " $KUBECONFIG) to use a cluster, or pass --local for local mode (state in"
                + " $KUBEHERD_HOME or ~/.kubeherd)");
      }
    }
    KubernetesClient client =
        KubeClients.connect(options.kubeconfig(), options.kubeContext(), Optional.empty());
    return on(client, options.namespace(), clock);
  }

  /**
   * In a pod (the client's in-cluster config), or given the API server's URL by the environment.
   */
  private static boolean inCluster(Map<String, String> env) {
    return env.containsKey("KUBERNETES_SERVICE_HOST")
        || env.containsKey("KUBERNETES_MASTER")
        || System.getProperty("kubernetes.master") != null;
  }

  /** The backend on an existing client (tests, and processes that made their own). */
  static Backend on(KubernetesClient client, String namespace, Clock clock) {
    return new Backend(
        new SecretProjectStore(client, namespace),
        new V1WorkerPodStatus(new SecretBuildStore(client, namespace, clock), client, namespace),
        new PodLogFallback(new ConfigMapLogStore(client, namespace, clock), client, namespace),
        Optional.empty(),
        LOG_POLL,
        build -> initLog(client, namespace, build),
        Optional.of(new ConfigMapDeliveries(client, namespace)),
        Optional.of(new SecretBuildFeed(client, namespace)),
        Optional.empty(),
        Optional.of(new KubeTarget(client, namespace)),
        OrphanedJobs.NONE);
  }

  /** The worker pod's {@code vcs-sidecar} log, if the pod still exists and has that container. */
  static Optional<String> initLog(KubernetesClient client, String namespace, Build build) {
    var pod = client.pods().inNamespace(namespace).withName(build.workerName());
    var spec = pod.get();
    if (spec == null
        || spec.getSpec().getInitContainers() == null
        || spec.getSpec().getInitContainers().stream()
            .noneMatch(c -> VCS_SIDECAR.equals(c.getName()))) {
      return Optional.empty();
    }
    return Optional.ofNullable(pod.inContainer(VCS_SIDECAR).getLog());
  }
}
