package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.store.SecretProjectStore;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Optional;

/** What a namespace's pipeline looks like now: engine Deployment and projects. */
public final class PipelineProbe {
  private final KubernetesClient client;

  public PipelineProbe(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @throws KubeApiException (exit 3) when the Kubernetes API refuses or fails a call
   */
  public PipelineStatus probe(String namespace) {
    return KubeApiException.call(
        "reading the pipeline of namespace " + namespace, () -> read(namespace));
  }

  private PipelineStatus read(String namespace) {
    Deployment engine =
        client
            .apps()
            .deployments()
            .inNamespace(namespace)
            .withName(EngineManifests.CONTROLLER_DEPLOYMENT)
            .get();
    List<String> projects =
        new SecretProjectStore(client, namespace).list().stream().map(Project::name).toList();
    return new PipelineStatus(
        namespace,
        engine != null,
        engine != null && available(engine),
        projects,
        Optional.ofNullable(engine).map(d -> d.getMetadata().getName()));
  }

  private static boolean available(Deployment d) {
    return d.getStatus() != null
        && d.getStatus().getConditions() != null
        && d.getStatus().getConditions().stream()
            .anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
