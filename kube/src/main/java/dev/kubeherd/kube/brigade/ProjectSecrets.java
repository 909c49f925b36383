package dev.kubeherd.kube.brigade;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.secret.InvalidProjectSecretException;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/**
 * Project Secrets (contract §2.2, §7.1) ⇄ {@link Project}. Pure: no API calls.
 *
 * <p>Writing produces what brig writes: {@code metadata.name} = project ID, type {@code
 * brigade.sh/project}, labels {@code app=brigade, component=project, heritage=brigade}, annotation
 * {@code projectName}, every value base64 in {@code data}. Reading accepts what brig and every
 * version of the brigade-project chart wrote: {@code stringData} is merged over {@code data}, and
 * keys (even the {@code projectName} annotation) may be missing.
 */
public final class ProjectSecrets {
  public static final String NAME_ANNOTATION = "projectName";

  private ProjectSecrets() {}

  /** The Secret for {@code project} in {@code namespace}. */
  public static Secret toSecret(Project project, String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(project.id())
        .withNamespace(namespace)
        .withLabels(labels())
        .withAnnotations(Map.of(NAME_ANNOTATION, project.name()))
        .endMetadata()
        .withType(SecretTypes.PROJECT)
        .withData(SecretData.encode(project.data()))
        .build();
  }

  /** The labels brig writes on a project Secret. */
  public static Map<String, String> labels() {
    return Map.of(
        BrigadeLabels.APP,
        BrigadeLabels.BRIGADE,
        BrigadeLabels.COMPONENT,
        BrigadeLabels.COMPONENT_PROJECT,
        BrigadeLabels.HERITAGE,
        BrigadeLabels.BRIGADE);
  }

  /**
   * Whether a Secret is a project: of type {@code brigade.sh/project}, or labelled {@code
   * component=project} (old charts wrote {@code Opaque} Secrets).
   */
  public static boolean isProject(Secret secret) {
    if (SecretTypes.PROJECT.equals(secret.getType())) {
      return true;
    }
    Map<String, String> labels = SecretData.orEmpty(secret.getMetadata().getLabels());
    return BrigadeLabels.COMPONENT_PROJECT.equals(labels.get(BrigadeLabels.COMPONENT));
  }

  /**
   * The project a Secret holds; its namespace is the Secret's.
   *
   * @throws InvalidProjectSecretException naming the Secret when a value is not base64
   */
  public static Project fromSecret(Secret secret) {
    ObjectMeta meta = secret.getMetadata();
    Map<String, String> data;
    try {
      data = SecretData.decode(secret);
    } catch (IllegalArgumentException e) {
      throw new InvalidProjectSecretException(
          "project Secret "
              + meta.getName()
              + ": "
              + e.getMessage()
              + "; fix it with kubectl edit secret "
              + meta.getName()
              + " or replace the project (brig project create --replace)",
          e);
    }
    String name = SecretData.orEmpty(meta.getAnnotations()).getOrDefault(NAME_ANNOTATION, "");
    return new Project(meta.getName(), name, meta.getNamespace(), data);
  }
}
