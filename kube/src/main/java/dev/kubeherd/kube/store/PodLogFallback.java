package dev.kubeherd.kube.store;

import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link LogStore} that answers from the pods, as brig v1 did, for builds whose worker wrote no
 * log ConfigMap: builds run by a Brigade v1 worker (a custom worker image with {@code yarn -s
 * start}, or builds from before the upgrade to kubeherd), and a kubeherd worker that ended before
 * it could write its log. The worker log is then the worker pod's log, each job's the job pod's;
 * once pods are gone (vacuum, {@code brig build delete}) there is nothing to show, as in v1.
 *
 * <p>The pod log is used only while a build has no worker log ConfigMap and either its worker pod
 * does not run kubeherd's worker (which writes the ConfigMaps itself) or the pod has ended, so a
 * follower never switches between the two while a kubeherd worker runs.
 */
public final class PodLogFallback implements LogStore {
  private final LogStore logs;
  private final KubernetesClient client;
  private final String namespace;

  /** Builds known to have a worker log ConfigMap: never read from pods again. */
  private final Set<String> stored = ConcurrentHashMap.newKeySet();

  public PodLogFallback(LogStore logs, KubernetesClient client, String namespace) {
    this.logs = logs;
    this.client = client;
    this.namespace = namespace;
  }

  @Override
  public LogSink open(String buildId, String source) {
    return logs.open(buildId, source);
  }

  @Override
  public String read(String buildId, String source) {
    if (stored.contains(buildId) || storedSources(buildId).contains(source)) {
      return logs.read(buildId, source);
    }
    Optional<Pod> pod =
        LogStore.WORKER.equals(source) ? workerPod(buildId) : jobPod(buildId, source);
    return pod.filter(p -> fromPods(buildId)).map(this::log).orElse("");
  }

  @Override
  public List<String> sources(String buildId) {
    List<String> sources = storedSources(buildId);
    if (stored.contains(buildId) || !fromPods(buildId)) {
      return sources;
    }
    List<String> fromPods = new ArrayList<>(List.of(LogStore.WORKER));
    jobPods(buildId).stream().map(p -> p.getMetadata().getName()).forEach(fromPods::add);
    return fromPods;
  }

  private List<String> storedSources(String buildId) {
    if (stored.contains(buildId)) {
      return logs.sources(buildId);
    }
    List<String> sources = logs.sources(buildId);
    if (sources.contains(LogStore.WORKER)) {
      stored.add(buildId);
    }
    return sources;
  }

  /** Whether the build's logs come from its pods (see the class comment). */
  private boolean fromPods(String buildId) {
    return workerPod(buildId).filter(p -> !runsKubeherd(p) || ended(p)).isPresent();
  }

  private Optional<Pod> workerPod(String buildId) {
    return pods(
            Map.of(
                BrigadeLabels.COMPONENT,
                BrigadeLabels.COMPONENT_BUILD,
                BrigadeLabels.BUILD,
                buildId))
        .stream()
        .findFirst();
  }

  private Optional<Pod> jobPod(String buildId, String podName) {
    return jobPods(buildId).stream()
        .filter(p -> p.getMetadata().getName().equals(podName))
        .findFirst();
  }

  private List<Pod> jobPods(String buildId) {
    return pods(BrigadeLabels.jobsOfBuild(buildId)).stream()
        .sorted(
            Comparator.comparing((Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp())))
        .toList();
  }

  private List<Pod> pods(Map<String, String> labels) {
    return client.pods().inNamespace(namespace).withLabels(labels).list().getItems();
  }

  private String log(Pod pod) {
    List<Container> containers = pod.getSpec() == null ? List.of() : pod.getSpec().getContainers();
    var resource = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName());
    try {
      String log =
          containers.isEmpty()
              ? resource.getLog()
              : resource.inContainer(containers.getFirst().getName()).getLog();
      return log == null ? "" : log;
    } catch (KubernetesClientException e) {
      return ""; // not started yet, or gone meanwhile: no log, as brig v1 showed none
    }
  }

  private static boolean runsKubeherd(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers().isEmpty()) {
      return false;
    }
    List<String> command = pod.getSpec().getContainers().getFirst().getCommand();
    String program = command == null || command.isEmpty() ? "" : command.getFirst();
    return program.substring(program.lastIndexOf('/') + 1).equals("kubeherd");
  }

  private static boolean ended(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }
}
