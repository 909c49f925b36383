package dev.kubeherd.kube.store;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Ulid;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.DamageScan;
import dev.kubeherd.core.port.UnreadableEntry;
import dev.kubeherd.kube.brigade.BuildSecrets;
import dev.kubeherd.kube.brigade.InvalidBuildSecretException;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds as Brigade v1 build Secrets in one namespace (contract §2.3), with the status in {@code
 * kubeherd.dev/*} annotations and job records on the job Secrets (ADR 0002). Builds from any v1
 * producer are readable; builds created here are what brig writes.
 *
 * <p>{@link #claim} is exactly-once across any number of processes: it sets label {@code
 * status=accepted} and the worker annotation in one update locked on the Secret's resourceVersion,
 * so of concurrent claimers the API server lets one through and the others see a 409, re-read and
 * find the build taken.
 */
public final class SecretBuildStore implements BuildStore, DamageScan {
  private static final Logger LOG = LoggerFactory.getLogger(SecretBuildStore.class);
  private static final Comparator<Build> NEWEST_FIRST =
      Comparator.comparing(Build::createdAt).thenComparing(Build::id).reversed();

  private final KubernetesClient client;
  private final String namespace;
  private final Clock clock;
  private final Ulid ulid;
  private final KubeRetry retry;
  private final BuildSecretLookup lookup;
  private final JobRecordSecrets jobs;
  private final BuildDeletion deletion;
  private final BuildStatusUpdates statuses;

  public SecretBuildStore(KubernetesClient client, String namespace, Clock clock) {
    this(client, namespace, clock, KubeRetry.standard());
  }

  public SecretBuildStore(KubernetesClient client, String namespace, Clock clock, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.clock = clock;
    this.ulid = new Ulid(clock);
    this.retry = retry;
    this.lookup = new BuildSecretLookup(client, namespace, retry);
    this.jobs = new JobRecordSecrets(client, namespace, retry);
    this.deletion = new BuildDeletion(client, namespace, retry);
    this.statuses = new BuildStatusUpdates(client, namespace);
  }

  /** Creates {@code brigade-worker-<ulid>}; the build's creation time is the server's. */
  @Override
  public Build create(BuildRequest request) {
    while (true) {
      String id = ulid.next();
      Secret secret = BuildSecrets.toSecret(id, request, namespace);
      // empty: the same ULID was made elsewhere in the same millisecond; take the next one
      Optional<Secret> created =
          SecretCreate.create(
              client,
              namespace,
              retry,
              "create build Secret " + secret.getMetadata().getName(),
              secret);
      if (created.isPresent()) {
        return decode(created.get());
      }
    }
  }

  /**
   * @throws UnreadableEntryException naming the Secret when it exists but cannot be read; {@link
   *     #delete} still deletes it
   */
  @Override
  public Optional<Build> find(String buildId) {
    return lookup.find(buildId).map(SecretBuildStore::decode);
  }

  /** The build Secrets {@link #list} skips because they cannot be read, in build ID order. */
  @Override
  public List<UnreadableEntry> unreadable() {
    return UnreadableSecrets.scan(lookup.list(), SecretBuildStore::decode);
  }

  /** Newest first; a Secret that cannot be read is skipped with a warning naming it. */
  @Override
  public List<Build> list(Optional<String> projectId) {
    List<Build> builds = new ArrayList<>();
    for (Secret s : lookup.list()) {
      try {
        Build b = BuildSecrets.decode(s);
        if (projectId.isEmpty() || projectId.get().equals(b.projectId())) {
          builds.add(b);
        }
      } catch (InvalidBuildSecretException e) {
        LOG.warn("Skipping build: {}", e.getMessage());
      }
    }
    builds.sort(NEWEST_FIRST);
    return builds;
  }

  /**
   * An update whose answer was lost (a 504, a dropped connection) may have been applied: the retry
   * then finds the build taken. It is ours if it holds exactly the status this call sent (same
   * worker, same start instant), and the claim is reported won, as {@link SecretCreate} does.
   *
   * @throws CorruptStateException naming the Secret when the build cannot be read
   */
  @Override
  public boolean claim(String buildId, String worker) {
    AtomicReference<BuildStatus> sent = new AtomicReference<>();
    return retry.onConflict(
        "claim build " + buildId,
        () -> {
          Optional<Secret> found = lookup.find(buildId);
          if (found.isEmpty()) {
            return false;
          }
          Secret secret = found.get();
          BuildStatus status = decode(secret).status();
          if (BuildStatusUpdates.isAccepted(secret) || status.phase() != BuildPhase.PENDING) {
            return status.equals(sent.get()); // taken: by our own unanswered update?
          }
          sent.set(status.running(worker, clock.instant()));
          // a 409 or a lost answer is thrown: the retry re-reads and finds who has the build
          return statuses.lockedUpdateUnlessDeleted(secret, sent.get());
        });
  }

  /** Writes the status annotations; any phase but Pending also marks the Secret accepted. */
  @Override
  public void updateStatus(String buildId, BuildStatus status) {
    retry.onConflict(
        "update the status of build " + buildId,
        () -> statuses.lockedUpdate(requireSecret(buildId), status));
  }

  /** Read, change and write under the Secret's resourceVersion: a concurrent change re-reads. */
  @Override
  public BuildStatus updateStatus(String buildId, UnaryOperator<BuildStatus> change) {
    return retry.onConflict(
        "update the status of build " + buildId,
        () -> {
          Secret secret = requireSecret(buildId);
          BuildStatus current = decode(secret).status();
          BuildStatus next = change.apply(current);
          if (!next.equals(current)) {
            statuses.lockedUpdate(secret, next);
          }
          return next;
        });
  }

  /**
   * Deletes the build Secret, worker pod, job pods, job Secrets and log ConfigMaps of the build,
   * with grace period 0 (as {@code brig build delete --force}).
   */
  @Override
  public boolean delete(String buildId) {
    Optional<Secret> secret = lookup.find(buildId);
    if (secret.isEmpty()) {
      return false;
    }
    deletion.delete(buildId, secret.get().getMetadata().getName());
    return true;
  }

  @Override
  public void saveJob(JobRecord job) {
    jobs.save(job, requireSecret(job.buildId()));
  }

  @Override
  public List<JobRecord> jobs(String buildId) {
    if (!BuildSecretLookup.isPossibleBuildId(buildId)) {
      return List.of();
    }
    return jobs.list(buildId);
  }

  /**
   * Reads only the phase annotation, so it also fails a build Secret that cannot be decoded (bad
   * data or annotations), which {@link #updateStatus(String, UnaryOperator)} cannot. Keeps the
   * worker annotation and a readable start time, and writes under the Secret's resourceVersion, so
   * an end written meanwhile (a cancel) is re-read and stands. An unreadable phase counts as not
   * ended.
   */
  @Override
  public boolean failUnlessEnded(String buildId, int exitCode, Instant at, String message) {
    return retry.onConflict(
        "fail build " + buildId,
        () -> {
          Optional<Secret> found = lookup.find(buildId);
          if (found.isEmpty()) {
            return false;
          }
          Optional<BuildStatus> failed =
              BuildStatusUpdates.failedUnlessEnded(found.get(), exitCode, at, message);
          // a 409 is thrown: the retry re-reads
          return failed.isPresent()
              && statuses.lockedUpdateUnlessDeleted(found.get(), failed.get());
        });
  }

  private Secret requireSecret(String buildId) {
    return lookup
        .find(buildId)
        .orElseThrow(
            () ->
                new BuildNotFoundException(
                    "build "
                        + buildId
                        + " not found in namespace "
                        + namespace
                        + " (no build Secret labelled build="
                        + buildId
                        + "); it may have been deleted"));
  }

  private static Build decode(Secret s) {
    try {
      return BuildSecrets.decode(s);
    } catch (InvalidBuildSecretException e) {
      throw UnreadableSecrets.build(s, e.buildId().orElse(s.getMetadata().getName()), e);
    }
  }
}
