package dev.kubeherd.kube.store;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ForwardingBuildStore;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.StatusAnnotations;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the status of builds a Brigade v1 controller accepted as v1 did: from the worker pod
 * (contract §2.6: phase, {@code status.startTime}, the first container's end and exit code). Such a
 * build Secret has label {@code status=accepted} and no kubeherd status, so the store can only say
 * "Running" until a kubeherd controller records the pod's end; brig on a cluster still run by a v1
 * controller would otherwise show every old build as Running and refuse to delete it without {@code
 * --force}. Only that reading (Running, no start time, claimed by its own worker pod) is looked up;
 * without a worker pod it stays as it is. Writes go to the store unchanged.
 */
public final class V1WorkerPodStatus extends ForwardingBuildStore {
  private final KubernetesClient client;
  private final String namespace;

  public V1WorkerPodStatus(BuildStore delegate, KubernetesClient client, String namespace) {
    super(delegate);
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public Optional<Build> find(String buildId) {
    return delegate
        .find(buildId)
        .map(b -> acceptedByV1(b) ? withPodStatus(b, pod(b.workerName())) : b);
  }

  @Override
  public List<Build> list(Optional<String> projectId) {
    List<Build> builds = delegate.list(projectId);
    if (builds.stream().noneMatch(V1WorkerPodStatus::acceptedByV1)) {
      return builds;
    }
    Map<String, Pod> pods = workerPods();
    return builds.stream()
        .map(
            b ->
                acceptedByV1(b)
                    ? withPodStatus(b, Optional.ofNullable(pods.get(b.workerName())))
                    : b)
        .toList();
  }

  /** The status {@link StatusAnnotations} gives a Secret a v1 controller accepted. */
  static boolean acceptedByV1(Build b) {
    BuildStatus s = b.status();
    return s.phase() == BuildPhase.RUNNING
        && s.startedAt().isEmpty()
        && s.worker().equals(b.workerName());
  }

  private static Build withPodStatus(Build b, Optional<Pod> pod) {
    return pod.filter(p -> p.getStatus() != null && p.getStatus().getPhase() != null)
        .map(p -> b.withStatus(status(b.status(), p)))
        .orElse(b);
  }

  private static BuildStatus status(BuildStatus s, Pod pod) {
    BuildPhase phase;
    try {
      phase = StatusAnnotations.parsePhase(pod.getStatus().getPhase());
    } catch (IllegalArgumentException e) {
      phase = BuildPhase.UNKNOWN;
    }
    Optional<ContainerStateTerminated> end =
        pod.getStatus().getContainerStatuses().stream()
            .findFirst()
            .map(c -> c.getState() == null ? null : c.getState().getTerminated());
    return new BuildStatus(
        phase,
        s.worker(),
        LenientInstant.parse(pod.getStatus().getStartTime()),
        end.flatMap(t -> LenientInstant.parse(t.getFinishedAt())),
        end.map(ContainerStateTerminated::getExitCode),
        s.message());
  }

  private Optional<Pod> pod(String name) {
    try {
      return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get());
    } catch (KubernetesClientException e) {
      return Optional.empty(); // not allowed to read pods: the store's reading stands
    }
  }

  private Map<String, Pod> workerPods() {
    try {
      return client
          .pods()
          .inNamespace(namespace)
          .withLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
          .list()
          .getItems()
          .stream()
          .collect(
              Collectors.toMap(p -> p.getMetadata().getName(), Function.identity(), (a, b) -> a));
    } catch (KubernetesClientException e) {
      return Map.of();
    }
  }
}
