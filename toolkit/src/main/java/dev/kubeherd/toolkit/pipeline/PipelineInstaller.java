package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.store.SecretProjectStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code brigadm init}: one engine and one project in a namespace. The engine objects come from the
 * bundled {@code kubeherd} chart (rendered by Helm, applied create-or-update, so a second run
 * upgrades); the project is the Brigade v1 project Secret written by the Secret project store, the
 * SSH key passed in memory only.
 */
public final class PipelineInstaller {
  private final KubernetesClient client;
  private final EngineManifests engine;
  private final PrintWriter progress;
  private final Map<String, String> engineValues;

  public PipelineInstaller(KubernetesClient client, EngineManifests engine, PrintWriter progress) {
    this(client, engine, progress, Map.of());
  }

  private PipelineInstaller(
      KubernetesClient client,
      EngineManifests engine,
      PrintWriter progress,
      Map<String, String> engineValues) {
    this.client = client;
    this.engine = engine;
    this.progress = progress;
    this.engineValues = engineValues;
  }

  /**
   * This installer, with engines whose job pods may install pipelines in other namespaces (the
   * chart's {@value EngineManifests#PIPELINE_INSTALLER} ClusterRole): {@code NS-boot} and the
   * master.
   */
  public PipelineInstaller installingPipelines() {
    return new PipelineInstaller(
        client, engine, progress, Map.of(EngineManifests.PIPELINE_INSTALLER, "true"));
  }

  /**
   * Creates or upgrades the pipeline of {@code spec.namespace()}.
   *
   * @throws PipelineExistsException (exit 4) in {@link InstallMode#CREATE} when the project exists,
   *     and in any mode when another project owns the namespace
   * @throws KubeApiException (exit 3) when the Kubernetes API refuses or fails a call
   */
  public InstallResult install(PipelineSpec spec, InstallMode mode) {
    return KubeApiException.call(
        "installing the pipeline in namespace " + spec.namespace(), () -> apply(spec, mode));
  }

  private InstallResult apply(PipelineSpec spec, InstallMode mode) {
    String ns = spec.namespace();
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    Project project = spec.toProject();
    Optional<Project> existing = checkNamespace(projects, project, mode);
    ensureNamespace(ns);
    List<HasMetadata> objects = engine.render(client, ns, engineValues);
    objects.forEach(o -> client.resource(o).inNamespace(ns).createOr(NonDeletingOperation::update));
    progress.println("engine: " + objects.size() + " objects applied in namespace " + ns);
    boolean created = existing.isEmpty() && create(projects, project, mode);
    if (!created) {
      projects.replace(project);
    }
    progress.println(
        "project "
            + project.name()
            + " ("
            + project.id()
            + ") "
            + (created ? "created" : "upgraded"));
    progress.flush();
    return new InstallResult(ns, project.id(), created, objects.size());
  }

  /** Creates the project; false when another process created it meanwhile (upgrade it then). */
  private static boolean create(SecretProjectStore projects, Project project, InstallMode mode) {
    try {
      projects.create(project);
      return true;
    } catch (ProjectExistsException e) {
      if (mode == InstallMode.CREATE) {
        throw new PipelineExistsException(
            "project " + project.name(), project.namespace(), "it was created meanwhile");
      }
      return false;
    }
  }

  private static Optional<Project> checkNamespace(
      SecretProjectStore projects, Project project, InstallMode mode) {
    List<Project> all = projects.list();
    Optional<Project> same = all.stream().filter(p -> p.id().equals(project.id())).findFirst();
    Optional<Project> other = all.stream().filter(p -> !p.id().equals(project.id())).findFirst();
    if (other.isPresent()) {
      throw new PipelineExistsException(
          "project " + other.get().name(),
          project.namespace(),
          "one namespace holds one pipeline: pass --name "
              + other.get().name()
              + " to upgrade it, or use another --namespace");
    }
    if (same.isPresent() && mode == InstallMode.CREATE) {
      throw new PipelineExistsException(
          "project " + project.name(),
          project.namespace(),
          "leave out the create-only flag to upgrade it");
    }
    return same;
  }

  private void ensureNamespace(String ns) {
    if (ensureNamespace(client, ns)) {
      progress.println("namespace " + ns + " created");
    }
  }

  /**
   * Creates namespace {@code ns} unless it exists (another process creating it too is fine).
   *
   * @return true when this call created it
   */
  public static boolean ensureNamespace(KubernetesClient client, String ns) {
    if (client.namespaces().withName(ns).get() != null) {
      return false;
    }
    try {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  /**
   * @param created true when the project was new, false when it was upgraded
   */
  public record InstallResult(String namespace, String projectId, boolean created, int objects) {}
}
