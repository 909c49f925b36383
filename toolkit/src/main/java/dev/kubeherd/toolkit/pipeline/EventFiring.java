package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Fires an event on a namespace's project: a Brigade v1 build Secret, the same one {@code brig run}
 * writes in Kubernetes mode; the namespace's controller starts its worker.
 */
public final class EventFiring {
  public static final String PROVIDER = "brigadm";

  private final KubernetesClient client;
  private final Clock clock;

  public EventFiring(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * The project named {@code project}, or the namespace's only project when empty.
   *
   * @throws PipelineMissingException (exit 3) when there is none, or several and none was named
   */
  public Project project(String namespace, Optional<String> project) {
    return KubeApiException.call(
        "reading the projects of namespace " + namespace, () -> find(namespace, project));
  }

  private Project find(String namespace, Optional<String> project) {
    SecretProjectStore projects = new SecretProjectStore(client, namespace);
    if (project.isPresent()) {
      return projects
          .find(project.get())
          .orElseThrow(
              () ->
                  new PipelineMissingException(
                      "no project "
                          + project.get()
                          + " in namespace "
                          + namespace
                          + "; install it with 'brigadm init --namespace "
                          + namespace
                          + "'"));
    }
    List<Project> all = projects.list();
    if (all.size() != 1) {
      throw new PipelineMissingException(
          (all.isEmpty() ? "no project" : all.size() + " projects")
              + " in namespace "
              + namespace
              + (all.isEmpty()
                  ? "; install one with 'brigadm init --namespace " + namespace + "'"
                  : "; name one with --project"));
    }
    return all.getFirst();
  }

  /** Stores a pending build of {@code event} on {@code project}. */
  public Build fire(Project project, String event, String payload, String script, String commit) {
    BuildRequest request =
        BuildRequest.of(project.id(), event, PROVIDER)
            .withRevision(new Revision(commit, ""))
            .withPayload(payload)
            .withScript(script);
    return KubeApiException.call(
        "firing " + event + " on project " + project.name() + " in " + project.namespace(),
        () -> builds(project.namespace()).create(request));
  }

  public SecretBuildStore builds(String namespace) {
    return new SecretBuildStore(client, namespace, clock);
  }
}
