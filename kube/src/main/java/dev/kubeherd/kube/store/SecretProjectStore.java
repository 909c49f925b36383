package dev.kubeherd.kube.store;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.DamageScan;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.UnreadableEntry;
import dev.kubeherd.core.secret.InvalidProjectSecretException;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.ProjectSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Projects as Brigade v1 project Secrets in one namespace (contract §2.2), readable and writable by
 * brig v1 and the brigade-project chart. Projects are always stored in, and reported with, the
 * store's namespace; a {@link Project#namespace()} given to {@link #create} is not used.
 *
 * <p>{@link #replace} keeps the Secret's other labels and annotations (a chart's {@code chart} and
 * {@code release} labels, say) and replaces its values, under an optimistic lock.
 */
public final class SecretProjectStore implements ProjectStore, DamageScan {
  private static final Logger LOG = LoggerFactory.getLogger(SecretProjectStore.class);

  /** A DNS subdomain, what a Secret name may be; any other ID cannot exist. */
  private static final Pattern OBJECT_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;
  private volatile SharedIndexInformer<Secret> informer;

  public SecretProjectStore(KubernetesClient client, String namespace) {
    this(client, namespace, KubeRetry.standard());
  }

  public SecretProjectStore(KubernetesClient client, String namespace, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.retry = retry;
  }

  /**
   * The project Secret named exactly {@code nameOrId} when there is one (created from a Secret
   * whose name does not start with {@code brigade-}), else the one the v1 ID rule names. A name
   * that cannot be a Secret's ({@code owner/repo}) costs no extra request.
   *
   * @throws UnreadableEntryException naming the Secret when it exists but cannot be read; {@link
   *     #delete} still deletes it
   */
  @Override
  public Optional<Project> find(String nameOrId) {
    if (!nameOrId.startsWith(ProjectIds.PREFIX)) {
      Optional<Secret> storedAsIs = watchedOrGet(nameOrId);
      if (storedAsIs.isPresent()) {
        return storedAsIs.map(this::decode);
      }
    }
    return watchedOrGet(ProjectIds.fromName(nameOrId)).map(this::decode);
  }

  /**
   * Watches the namespace's project Secrets (those labelled {@code app=brigade,component=project})
   * with an informer: while the result is open, {@link #find} answers from its copy without asking
   * the API server, and a change arrives with the informer's next event. A Secret the copy does not
   * hold (one typed {@code brigade.sh/project} without the labels, or one created a moment ago) is
   * still read from the API server. When the Secrets cannot be listed and watched (RBAC), a warning
   * says so and every lookup asks the API server as before.
   *
   * @throws IllegalStateException when a watch is open already
   */
  @Override
  public synchronized Watch watchForChanges() {
    if (informer != null) {
      throw new IllegalStateException("the project Secrets are watched already");
    }
    SharedIndexInformer<Secret> started;
    try {
      started =
          client
              .secrets()
              .inNamespace(namespace)
              .withLabels(BrigadeLabels.projectSelector())
              .inform();
    } catch (RuntimeException e) {
      LOG.warn(
          "Cannot watch the project Secrets of namespace {} ({}); each lookup reads its Secret"
              + " instead. Let this service account list and watch Secrets to save those requests",
          namespace,
          e.getMessage());
      return () -> {};
    }
    informer = started;
    return () -> {
      synchronized (this) {
        informer = null;
      }
      started.close();
    };
  }

  /** From the watch's copy when it holds the Secret, else from the API server. */
  private Optional<Secret> watchedOrGet(String id) {
    SharedIndexInformer<Secret> watched = informer;
    if (watched != null && OBJECT_NAME.matcher(id).matches()) {
      Secret copy = watched.getStore().getByKey(namespace + "/" + id);
      if (copy != null) {
        return Optional.of(copy).filter(ProjectSecrets::isProject);
      }
    }
    return get(id);
  }

  /**
   * Every Secret selected by {@code app=brigade,component=project}; unreadable ones are skipped.
   */
  @Override
  public List<Project> list() {
    List<Project> projects = new ArrayList<>();
    for (Secret s : projectSecrets()) {
      try {
        projects.add(decode(s));
      } catch (CorruptStateException e) {
        LOG.warn("Skipping project Secret {}: {}", s.getMetadata().getName(), e.getMessage());
      }
    }
    projects.sort(Comparator.comparing(Project::id));
    return projects;
  }

  /** The project Secrets {@link #list} skips because they cannot be read, in ID order. */
  @Override
  public List<UnreadableEntry> unreadable() {
    return UnreadableSecrets.scan(projectSecrets(), this::decode);
  }

  @Override
  public void create(Project project) {
    Secret secret = ProjectSecrets.toSecret(project, namespace);
    boolean created =
        SecretCreate.create(
                client, namespace, retry, "create project Secret " + project.id(), secret)
            .isPresent();
    if (!created) {
      throw new ProjectExistsException(
          "project "
              + project.id()
              + " already exists. Refusing to overwrite (use -r/--replace to replace it)");
    }
  }

  @Override
  public void replace(Project project) {
    retry.onConflict(
        "replace project Secret " + project.id(),
        () -> {
          Secret current =
              get(project.id())
                  .orElseThrow(
                      () ->
                          new ProjectNotFoundException(
                              "project "
                                  + project.id()
                                  + " does not exist in namespace "
                                  + namespace
                                  + ", so there is nothing to replace; create it without"
                                  + " -r/--replace"));
          return client.secrets().inNamespace(namespace).resource(merge(current, project)).update();
        });
  }

  @Override
  public boolean delete(String id) {
    if (get(id).isEmpty()) {
      return false;
    }
    return retry.call(
        "delete project Secret " + id,
        () -> !client.secrets().inNamespace(namespace).withName(id).delete().isEmpty());
  }

  /**
   * The current Secret with the project's values, keeping its resourceVersion for the lock and its
   * type: a Secret's type cannot change, and an old chart's project Secret is {@code Opaque}.
   */
  private Secret merge(Secret current, Project project) {
    Secret wanted = ProjectSecrets.toSecret(project, namespace);
    Map<String, String> labels = new HashMap<>(orEmpty(current.getMetadata().getLabels()));
    labels.putAll(wanted.getMetadata().getLabels());
    Map<String, String> annotations =
        new HashMap<>(orEmpty(current.getMetadata().getAnnotations()));
    annotations.putAll(wanted.getMetadata().getAnnotations());
    return new SecretBuilder(current)
        .editMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withData(wanted.getData())
        .withStringData(null)
        .build();
  }

  private List<Secret> projectSecrets() {
    return retry.call(
        "list project Secrets in namespace " + namespace,
        () ->
            client
                .secrets()
                .inNamespace(namespace)
                .withLabels(BrigadeLabels.projectSelector())
                .list()
                .getItems());
  }

  /** The project Secret with this ID; a Secret of that name that is not a project is ignored. */
  private Optional<Secret> get(String id) {
    if (!OBJECT_NAME.matcher(id).matches()) {
      return Optional.empty();
    }
    Secret s =
        retry.call(
            "get project Secret " + id,
            () -> client.secrets().inNamespace(namespace).withName(id).get());
    return Optional.ofNullable(s).filter(ProjectSecrets::isProject);
  }

  private Project decode(Secret s) {
    try {
      Project p = ProjectSecrets.fromSecret(s);
      return new Project(p.id(), p.name(), namespace, p.data());
    } catch (InvalidProjectSecretException e) {
      throw UnreadableSecrets.project(s, e);
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
