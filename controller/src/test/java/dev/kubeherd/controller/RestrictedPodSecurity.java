package dev.kubeherd.controller;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Pod Security Standard "restricted" (latest) as the API server's admission checks a pod spec:
 * the baseline rules that apply to Linux pods plus the restricted ones. Returns what it violates,
 * in the admission's words where it has them; empty = admitted.
 */
final class RestrictedPodSecurity {
  private static final Set<String> VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  private RestrictedPodSecurity() {}

  static List<String> violations(PodSpec pod) {
    List<String> found = new ArrayList<>();
    PodSecurityContext podContext =
        Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
    if (isTrue(pod.getHostNetwork()) || isTrue(pod.getHostPID()) || isTrue(pod.getHostIPC())) {
      found.add("host namespaces");
    }
    for (Volume v : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
      Map<?, ?> fields = Serialization.unmarshal(Serialization.asJson(v), Map.class);
      fields.keySet().stream()
          .map(Object::toString)
          .filter(k -> !k.equals("name") && !VOLUME_TYPES.contains(k))
          .forEach(k -> found.add("restricted volume types: " + v.getName() + " is " + k));
    }
    if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0L) {
      found.add("runAsUser=0 (pod)");
    }
    String podSeccomp = seccomp(podContext.getSeccompProfile());
    if ("Unconfined".equals(podSeccomp)) {
      found.add("seccompProfile Unconfined (pod)");
    }
    List<Container> containers =
        Stream.concat(
                Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(),
                Optional.ofNullable(pod.getContainers()).orElse(List.of()).stream())
            .toList();
    for (Container c : containers) {
      container(c, podContext, podSeccomp, found);
    }
    return found;
  }

  private static void container(
      Container c, PodSecurityContext podContext, String podSeccomp, List<String> found) {
    String name = "container " + c.getName();
    SecurityContext sc =
        Optional.ofNullable(c.getSecurityContext()).orElseGet(SecurityContext::new);
    if (isTrue(sc.getPrivileged())) {
      found.add("privileged (" + name + ")");
    }
    if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
      found.add("allowPrivilegeEscalation != false (" + name + ")");
    }
    Capabilities caps = Optional.ofNullable(sc.getCapabilities()).orElseGet(Capabilities::new);
    if (caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
      found.add("unrestricted capabilities: must drop ALL (" + name + ")");
    }
    if (caps.getAdd() != null
        && caps.getAdd().stream().anyMatch(a -> !a.equals("NET_BIND_SERVICE"))) {
      found.add("unrestricted capabilities: adds " + caps.getAdd() + " (" + name + ")");
    }
    Boolean nonRoot =
        sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podContext.getRunAsNonRoot();
    if (!isTrue(nonRoot)) {
      found.add("runAsNonRoot != true (" + name + ")");
    }
    if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0L) {
      found.add("runAsUser=0 (" + name + ")");
    }
    String seccomp = Optional.ofNullable(seccomp(sc.getSeccompProfile())).orElse(podSeccomp);
    if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
      found.add("seccompProfile must be RuntimeDefault or Localhost (" + name + ")");
    }
    for (ContainerPort p : Optional.ofNullable(c.getPorts()).orElse(List.of())) {
      if (p.getHostPort() != null && p.getHostPort() != 0) {
        found.add("hostPort " + p.getHostPort() + " (" + name + ")");
      }
    }
  }

  private static String seccomp(SeccompProfile profile) {
    return profile == null ? null : profile.getType();
  }

  private static boolean isTrue(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
