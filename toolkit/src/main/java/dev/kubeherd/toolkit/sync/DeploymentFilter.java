package dev.kubeherd.toolkit.sync;

import java.util.Optional;

/**
 * Which GitHub deployments a pipeline acts on: those for its environment whose {@code
 * payload.cluster} names its cluster or is absent (every cluster of the environment syncs). Others
 * are acknowledged and ignored.
 */
public record DeploymentFilter(String environment, String cluster) {
  /**
   * @param deploymentEnvironment the deployment's {@code environment}
   * @param payloadCluster its {@code payload.cluster}, when the payload has one
   */
  public boolean accepts(String deploymentEnvironment, Optional<String> payloadCluster) {
    return environment.equals(deploymentEnvironment)
        && payloadCluster.filter(c -> !c.isBlank()).map(cluster::equals).orElse(true);
  }

  /** Why a deployment is ignored, for the log; empty when it is accepted. */
  public Optional<String> reasonToIgnore(
      String deploymentEnvironment, Optional<String> payloadCluster) {
    if (!environment.equals(deploymentEnvironment)) {
      return Optional.of(
          "deployment is for environment '"
              + deploymentEnvironment
              + "'; this pipeline syncs '"
              + environment
              + "'");
    }
    if (!accepts(deploymentEnvironment, payloadCluster)) {
      return Optional.of(
          "deployment is for cluster '"
              + payloadCluster.orElseThrow()
              + "'; this pipeline syncs '"
              + cluster
              + "'");
    }
    return Optional.empty();
  }
}
