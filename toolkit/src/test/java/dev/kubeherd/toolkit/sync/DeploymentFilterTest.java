package dev.kubeherd.toolkit.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A pipeline for test/k8stest1 acts on deployments for its environment and its cluster or none. */
class DeploymentFilterTest {
  final DeploymentFilter filter = new DeploymentFilter("test", "k8stest1");

  @ParameterizedTest(name = "environment {0}, payload.cluster {1} → {2}")
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "test, , true",
        "test, k8stest1, true",
        "test, k8stest2, false",
        "production, , false",
        "production, k8stest1, false",
      })
  void acceptsItsEnvironmentWithItsClusterOrNone(
      String environment, String cluster, boolean accepted) {
    assertThat(filter.accepts(environment, Optional.ofNullable(cluster))).isEqualTo(accepted);
    assertThat(filter.reasonToIgnore(environment, Optional.ofNullable(cluster)).isEmpty())
        .isEqualTo(accepted);
  }

  @ParameterizedTest
  @CsvSource(
      quoteCharacter = '"',
      value = {
        "production, , deployment is for environment 'production'; this pipeline syncs 'test'",
        "test, k8stest2, deployment is for cluster 'k8stest2'; this pipeline syncs 'k8stest1'",
      })
  void saysWhyItIgnoresADeployment(String environment, String cluster, String reason) {
    assertThat(filter.reasonToIgnore(environment, Optional.ofNullable(cluster))).contains(reason);
  }
}
