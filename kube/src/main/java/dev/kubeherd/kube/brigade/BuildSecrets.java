package dev.kubeherd.kube.brigade;

import static dev.kubeherd.kube.brigade.BuildSecretKeys.BUILD_ID;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.BUILD_NAME;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.CLONE_URL;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.COMMIT_ID;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.COMMIT_REF;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.CONFIG;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.EVENT_PROVIDER;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.EVENT_TYPE;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.LOG_LEVEL;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.LONG_TITLE;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.PAYLOAD;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.PROJECT_ID;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.SCRIPT;
import static dev.kubeherd.kube.brigade.BuildSecretKeys.SHORT_TITLE;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Revision;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Build Secrets (contract §2.3, the v1 "event") ⇄ {@link Build}. Pure: no API calls.
 *
 * <p>Writing produces exactly what brig and the bundled gateways write: name {@code
 * brigade-worker-<id>}, type {@code brigade.sh/build}, labels {@code heritage, component, project,
 * build}, and every data key, empty ones included ({@code build_id} is the Secret name, a v1
 * quirk). Reading accepts any producer: any name, any missing data key; the build ID comes from
 * label {@code build}, the project from label {@code project} or else data {@code project_id}, the
 * status from our annotations ({@link StatusAnnotations}). Unlike v1, {@code config} and {@code
 * log_level} are read back too.
 */
public final class BuildSecrets {
  private static final String ULID = "[0-9a-hjkmnp-tv-z]{26}";
  private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

  private BuildSecrets() {}

  /**
   * The owner reference that makes Kubernetes delete an object with {@code build}'s Secret; none
   * when the Secret has no UID (not read from an API server).
   */
  public static List<OwnerReference> ownedBy(Secret build) {
    String uid = build.getMetadata().getUid();
    if (uid == null || uid.isEmpty()) {
      return List.of();
    }
    return List.of(
        new OwnerReferenceBuilder()
            .withApiVersion("v1")
            .withKind("Secret")
            .withName(build.getMetadata().getName())
            .withUid(uid)
            .build());
  }

  /** The Secret brig would create for build {@code buildId} of {@code request}. */
  public static Secret toSecret(String buildId, BuildRequest request, String namespace) {
    String name = BrigadeNames.workerName(buildId);
    Map<String, String> data = new LinkedHashMap<>();
    data.put(SCRIPT, request.script());
    data.put(CONFIG, request.config());
    data.put(PAYLOAD, request.payload());
    data.put(EVENT_TYPE, request.type());
    data.put(EVENT_PROVIDER, request.provider());
    data.put(COMMIT_ID, request.revision().commit());
    data.put(COMMIT_REF, request.revision().ref());
    data.put(PROJECT_ID, request.projectId());
    data.put(BUILD_NAME, name);
    data.put(BUILD_ID, name);
    data.put(SHORT_TITLE, request.shortTitle());
    data.put(LONG_TITLE, request.longTitle());
    data.put(CLONE_URL, request.cloneUrl());
    data.put(LOG_LEVEL, request.logLevel());
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(BrigadeLabels.buildLabels(buildId, request.projectId()))
        .endMetadata()
        .withType(SecretTypes.BUILD)
        .withData(SecretData.encode(data))
        .build();
  }

  /** Whether the Secret has the build type; v1 ignores Secrets of any other type. */
  public static boolean isBuild(Secret secret) {
    return SecretTypes.BUILD.equals(secret.getType());
  }

  /** The {@code build} label, when present and not blank. */
  public static Optional<String> buildId(Secret secret) {
    return Optional.ofNullable(labels(secret).get(BrigadeLabels.BUILD)).filter(s -> !s.isBlank());
  }

  /**
   * The build a Secret holds.
   *
   * @throws InvalidBuildSecretException naming the Secret and what is missing or unreadable
   */
  public static Build decode(Secret secret) {
    ObjectMeta meta = secret.getMetadata();
    String name = meta.getName();
    Optional<String> id = buildId(secret);
    if (!isBuild(secret)) {
      throw new InvalidBuildSecretException(
          name, id, "its type is " + secret.getType() + ", not " + SecretTypes.BUILD);
    }
    if (id.isEmpty()) {
      throw new InvalidBuildSecretException(
          name, id, "it has no label " + BrigadeLabels.BUILD + " (the build ID)");
    }
    Map<String, String> data;
    BuildStatus status;
    try {
      data = SecretData.decode(secret);
      status = StatusAnnotations.read(name, labels(secret), annotations(secret));
    } catch (IllegalArgumentException e) {
      throw new InvalidBuildSecretException(name, id, e.getMessage());
    }
    String projectId = labels(secret).getOrDefault(BrigadeLabels.PROJECT, "");
    if (projectId.isBlank()) {
      projectId = data.getOrDefault(PROJECT_ID, "");
    }
    if (projectId.isBlank()) {
      throw new InvalidBuildSecretException(
          name,
          id,
          "it names no project: label "
              + BrigadeLabels.PROJECT
              + " and data "
              + PROJECT_ID
              + " are both missing");
    }
    BuildRequest request =
        new BuildRequest(
            projectId,
            data.get(EVENT_TYPE),
            data.get(EVENT_PROVIDER),
            new Revision(data.get(COMMIT_ID), data.get(COMMIT_REF)),
            data.get(PAYLOAD),
            data.get(SCRIPT),
            data.get(CONFIG),
            data.get(LOG_LEVEL),
            data.get(SHORT_TITLE),
            data.get(LONG_TITLE),
            data.get(CLONE_URL));
    return new Build(
        id.get(),
        request,
        createdAt(meta, id.get()),
        status,
        meta.getName(),
        BrigadeLabels.producerLabels(meta.getLabels()));
  }

  /**
   * {@code metadata.creationTimestamp}; without one (a document not from a server) the time in a
   * ULID build ID, else the epoch.
   */
  static Instant createdAt(ObjectMeta meta, String buildId) {
    String ts = meta.getCreationTimestamp();
    if (ts != null && !ts.isEmpty()) {
      try {
        return Instant.parse(ts);
      } catch (DateTimeParseException e) {
        // fall through: the server always writes RFC 3339, so this is a hand-made document
      }
    }
    if (buildId.matches(ULID)) {
      long millis = 0;
      for (int i = 0; i < 10; i++) {
        millis = (millis << 5) | CROCKFORD.indexOf(buildId.charAt(i));
      }
      return Instant.ofEpochMilli(millis);
    }
    return Instant.EPOCH;
  }

  /** The Secret's labels, never null. */
  public static Map<String, String> labels(Secret secret) {
    return SecretData.orEmpty(secret.getMetadata().getLabels());
  }

  static Map<String, String> annotations(Secret secret) {
    return SecretData.orEmpty(secret.getMetadata().getAnnotations());
  }
}
