package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict reader the chart tests rely on must really be strict. */
class StrictModelTest {
  private static final String DEPLOYMENT =
      """
      ---
      # Source: demo/templates/deployment.yaml
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        %s: 2
        selector:
          matchLabels: {app: web}
        template:
          metadata:
            labels: {app: web}
          spec:
            containers:
              - name: web
                image: nginx:1.27
                resources:
                  requests: {cpu: 100m, memory: 64Mi}
      """;

  @Test
  void wellFormedDocumentsBecomeTypedObjects() {
    List<HasMetadata> objects =
        StrictModel.parseAll(
            DEPLOYMENT.formatted("replicas")
                + "---\n# Source: demo/templates/empty.yaml\n# nothing rendered\n");

    assertThat(objects).singleElement().isInstanceOf(Deployment.class);
    Deployment d = (Deployment) objects.get(0);
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    assertThat(
            d.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests())
        .containsKeys("cpu", "memory");
  }

  @Test
  void misspelledFieldFailsNamingTheFieldAndTheTemplate() {
    assertThatThrownBy(() -> StrictModel.parseAll(DEPLOYMENT.formatted("replica")))
        .isInstanceOf(StrictModel.InvalidManifestException.class)
        .hasMessageContaining("demo/templates/deployment.yaml")
        .hasMessageContaining("\"replica\"")
        .hasMessageContaining("DeploymentSpec");
  }

  @Test
  void misspelledNestedFieldFails() {
    String yaml =
        DEPLOYMENT.formatted("replicas").replace("image: nginx:1.27", "imagee: nginx:1.27");

    assertThatThrownBy(() -> StrictModel.parseAll(yaml))
        .isInstanceOf(StrictModel.InvalidManifestException.class)
        .hasMessageContaining("\"imagee\"");
  }

  @Test
  void kindWithoutTypedModelFails() {
    String yaml =
        """
        # Source: demo/templates/monitor.yaml
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: web
        """;

    assertThatThrownBy(() -> StrictModel.parseAll(yaml))
        .hasMessageContaining("no typed model")
        .hasMessageContaining("ServiceMonitor");
  }

  @Test
  void wrongValueTypeFails() {
    String yaml = DEPLOYMENT.formatted("replicas").replace("replicas: 2", "replicas: two");

    assertThatThrownBy(() -> StrictModel.parseAll(yaml))
        .isInstanceOf(StrictModel.InvalidManifestException.class)
        .hasMessageContaining("Deployment");
  }
}
