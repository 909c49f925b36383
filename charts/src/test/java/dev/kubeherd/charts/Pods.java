package dev.kubeherd.charts;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading rendered pod templates in tests. */
final class Pods {
  private Pods() {}

  static Container container(Deployment d) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    if (containers.size() != 1) {
      throw new AssertionError(
          d.getMetadata().getName() + " has " + containers.size() + " containers");
    }
    return containers.get(0);
  }

  /** The container's env entries by name, in order; fails on a name set twice. */
  static Map<String, EnvVar> env(Container c) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    for (EnvVar e : c.getEnv()) {
      if (env.put(e.getName(), e) != null) {
        throw new AssertionError(c.getName() + " sets " + e.getName() + " twice");
      }
    }
    return env;
  }

  /**
   * The environment the process would see: plain values as they are, a {@code fieldRef} to the pod
   * name as {@code podName}; any other reference is left out.
   */
  static Map<String, String> resolvedEnv(Container c, String podName) {
    Map<String, String> out = new LinkedHashMap<>();
    env(c)
        .forEach(
            (name, e) -> {
              if (e.getValueFrom() == null) {
                out.put(name, e.getValue() == null ? "" : e.getValue());
              } else if (e.getValueFrom().getFieldRef() != null
                  && "metadata.name".equals(e.getValueFrom().getFieldRef().getFieldPath())) {
                out.put(name, podName);
              }
            });
    return out;
  }
}
