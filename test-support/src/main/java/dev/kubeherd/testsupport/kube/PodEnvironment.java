package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the kubelet would give a container: resolved environment variables and volume contents on
 * disk. Only the volume kinds our pods use are materialised (Secret, ConfigMap, emptyDir; a PVC is
 * a directory shared by every pod that claims it); others are skipped.
 */
final class PodEnvironment {
  private final KubernetesClient client;
  private final String namespace;
  private final Path root;

  PodEnvironment(KubernetesClient client, String namespace, Path root) {
    this.client = client;
    this.namespace = namespace;
    this.root = root;
  }

  SimulatedPod prepare(Pod pod) throws IOException {
    return prepare(pod, pod.getSpec().getContainers().getFirst());
  }

  /** {@code c} (one of the pod's containers or init containers) as the kubelet would start it. */
  SimulatedPod prepare(Pod pod, Container c) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    if (c.getEnv() != null) {
      for (EnvVar e : c.getEnv()) {
        resolve(pod, e).ifPresent(v -> env.put(e.getName(), v));
      }
    }
    Map<String, Path> mounts = new LinkedHashMap<>();
    Path podDir =
        Files.createDirectories(root.resolve("pods").resolve(pod.getMetadata().getName()));
    if (c.getVolumeMounts() != null) {
      for (VolumeMount m : c.getVolumeMounts()) {
        volume(pod, m.getName())
            .flatMap(v -> materialise(v, podDir))
            .ifPresent(dir -> mounts.put(m.getMountPath(), dir));
      }
    }
    return new SimulatedPod(pod, env, mounts);
  }

  private Optional<String> resolve(Pod pod, EnvVar e) {
    if (e.getValueFrom() == null) {
      return Optional.of(e.getValue() == null ? "" : e.getValue());
    }
    EnvVarSource from = e.getValueFrom();
    if (from.getSecretKeyRef() != null) {
      return secretValue(from.getSecretKeyRef().getName(), from.getSecretKeyRef().getKey());
    }
    if (from.getConfigMapKeyRef() != null) {
      ConfigMap cm =
          client
              .configMaps()
              .inNamespace(namespace)
              .withName(from.getConfigMapKeyRef().getName())
              .get();
      return cm == null || cm.getData() == null
          ? Optional.empty()
          : Optional.ofNullable(cm.getData().get(from.getConfigMapKeyRef().getKey()));
    }
    if (from.getFieldRef() != null) {
      return switch (from.getFieldRef().getFieldPath()) {
        case "metadata.name" -> Optional.of(pod.getMetadata().getName());
        case "metadata.namespace" -> Optional.of(namespace);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  private Optional<String> secretValue(String secretName, String key) {
    return secretData(secretName).map(d -> d.get(key));
  }

  private Optional<Map<String, String>> secretData(String secretName) {
    Secret s = client.secrets().inNamespace(namespace).withName(secretName).get();
    if (s == null) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (s.getData() != null) {
      s.getData()
          .forEach(
              (k, v) ->
                  out.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) {
      out.putAll(s.getStringData());
    }
    return Optional.of(out);
  }

  private static Optional<Volume> volume(Pod pod, String name) {
    if (pod.getSpec().getVolumes() == null) {
      return Optional.empty();
    }
    return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst();
  }

  private Optional<Path> materialise(Volume v, Path podDir) {
    try {
      if (v.getSecret() != null) {
        Map<String, String> data = secretData(v.getSecret().getSecretName()).orElse(Map.of());
        return Optional.of(writeFiles(podDir.resolve("volumes").resolve(v.getName()), data));
      }
      if (v.getConfigMap() != null) {
        ConfigMap cm =
            client.configMaps().inNamespace(namespace).withName(v.getConfigMap().getName()).get();
        Map<String, String> data = cm == null || cm.getData() == null ? Map.of() : cm.getData();
        return Optional.of(writeFiles(podDir.resolve("volumes").resolve(v.getName()), data));
      }
      if (v.getEmptyDir() != null) {
        return Optional.of(Files.createDirectories(podDir.resolve("volumes").resolve(v.getName())));
      }
      if (v.getPersistentVolumeClaim() != null) {
        return Optional.of(
            Files.createDirectories(
                root.resolve("pvcs").resolve(v.getPersistentVolumeClaim().getClaimName())));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("could not materialise volume " + v.getName(), e);
    }
  }

  private static Path writeFiles(Path dir, Map<String, String> data) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : data.entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
    return dir;
  }
}
