package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Kubernetes objects a script wrote verbatim ({@code job.volumes}, {@code job.volumeMounts},
 * {@code valueFrom} env), parsed from their JSON text and checked as v1 checks them: a {@code
 * hostPath} volume needs the project's {@code allowHostMounts}, and every mount must name a volume
 * of the job.
 */
final class ScriptVolumes {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private ScriptVolumes() {}

  static List<Volume> volumes(List<String> json, boolean allowHostMounts) {
    List<Volume> out = new ArrayList<>();
    for (String text : json) {
      Volume v = parse(text, Volume.class, "volume");
      if (v.getHostPath() != null && !allowHostMounts) {
        throw new JobPodSpecException(
            "allowHostMounts is false in this project, not mounting " + v.getHostPath().getPath());
      }
      out.add(v);
    }
    return out;
  }

  /** The mounts, each of which must name one of {@code volumes}. */
  static List<VolumeMount> mounts(List<String> json, List<Volume> volumes) {
    Set<String> names = new HashSet<>();
    volumes.forEach(v -> names.add(v.getName()));
    List<VolumeMount> out = new ArrayList<>();
    for (String text : json) {
      VolumeMount m = parse(text, VolumeMount.class, "volume mount");
      if (!names.contains(m.getName())) {
        throw new JobPodSpecException(
            "volume " + m.getName() + " referenced in volume mount is not defined");
      }
      out.add(m);
    }
    return out;
  }

  static EnvVarSource valueFrom(String name, String json) {
    return parse(json, EnvVarSource.class, "valueFrom of env " + name);
  }

  private static <T> T parse(String json, Class<T> type, String what) {
    try {
      return SERIALIZATION.unmarshal(json, type);
    } catch (RuntimeException e) {
      throw new JobPodSpecException(
          "the job's " + what + " is not a valid Kubernetes object: " + e.getMessage(), e);
    }
  }
}
