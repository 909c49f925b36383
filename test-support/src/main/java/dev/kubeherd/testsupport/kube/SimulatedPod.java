package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A pod as the simulator runs it: its spec, the environment of its first container with every
 * {@code value} and {@code valueFrom} resolved, and its Secret, ConfigMap and emptyDir volumes as
 * host directories keyed by mount path (Secret keys become files, as the kubelet does).
 */
public record SimulatedPod(Pod pod, Map<String, String> env, Map<String, Path> mounts) {

  public String name() {
    return pod.getMetadata().getName();
  }

  public String label(String key) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(key, "");
  }

  /** The host directory mounted at {@code path} in the first container, if any. */
  public Optional<Path> mount(String path) {
    return Optional.ofNullable(mounts.get(path));
  }
}
