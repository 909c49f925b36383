package dev.kubeherd.core.local;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Ulid;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.DamageScan;
import dev.kubeherd.core.port.UnreadableEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds as directories {@code builds/<ulid>/} under the {@link LocalHome}: {@code build.json}
 * (request and creation time, written once; the build exists once it does), {@code status.json}
 * (replaced atomically; absent while the build is pending), {@code claim} (created exclusively by
 * the one worker that wins the build) and {@code jobs.jsonl} (job records appended one per line, so
 * a build of many short jobs creates no file per record). Every build file and status written is
 * also named in the {@link BuildChangeLog}, which the {@link DirectoryBuildFeed} follows.
 *
 * <p>Builds a local gateway accepted are pending in its delivery journal, without a directory
 * ({@link JournaledIntake}); this store finds and lists them there ({@link JournalView}) and writes
 * a build's directory when it is claimed or changed. Deleting one the journal holds marks it
 * withdrawn. Safe to share between threads and processes.
 */
public final class DirectoryBuildStore implements BuildStore, DamageScan {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryBuildStore.class);
  static final String BUILD_FILE = "build.json";
  static final String STATUS_FILE = "status.json";
  static final String CLAIM_FILE = "claim";

  private static final Comparator<JobRecord> BY_START =
      Comparator.comparing(
              (JobRecord j) -> j.startedAt().orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(JobRecord::name);

  private final LocalHome home;
  private final Clock clock;
  private final Ulid ulid;
  private final JsonFiles json = new JsonFiles();
  private final RecentBuilds recent = new RecentBuilds();
  private final BuildChangeLog changes;
  private final BuildDirectories directories;
  private final BuildStatusFiles statuses;
  private final JournaledBuilds journaled;

  public DirectoryBuildStore(LocalHome home, Clock clock) {
    this.home = home;
    this.clock = clock;
    this.ulid = new Ulid(clock);
    this.changes = new BuildChangeLog(home);
    this.directories = new BuildDirectories(home);
    this.statuses = new BuildStatusFiles(home, clock, json, changes);
    this.journaled = new JournaledBuilds(home, json, directories, recent);
  }

  @Override
  public Build create(BuildRequest request) {
    String id = createBuildDir();
    Instant createdAt = clock.instant();
    // One durable write: a build without status.json is pending (BuildStatusFiles.read), so the
    // first status
    // is only written when the build is claimed. Two fsync pairs per build were what bounded the
    // gateway's deliveries per second (P4).
    BuildFile file = new BuildFile(id, createdAt, request);
    Path path = home.buildDir(id).resolve(BUILD_FILE);
    AtomicFiles.write(path, json.toBytes(file));
    recent.add(file, path);
    changes.append(List.of(id));
    return new Build(id, request, createdAt, BuildStatus.pending());
  }

  /**
   * A build with its ID and creation time assigned, in the form a journal entry holds it: {@link
   * JournaledIntake} appends it, and it is pending from then on, without a directory until it is
   * claimed (see {@link JournalView}).
   */
  JournaledBuild prepare(BuildRequest request, Optional<byte[]> payloadUtf8) {
    return JournaledBuild.of(new BuildFile(ulid.next(), clock.instant(), request), payloadUtf8);
  }

  /** The builds pending in the delivery journal, as this store reads and claims them. */
  JournaledBuilds journaled() {
    return journaled;
  }

  /**
   * @throws UnreadableEntryException naming the file, and the directory to delete, when the build's
   *     files cannot be read; {@link #delete} still deletes it
   */
  @Override
  public Optional<Build> find(String buildId) {
    if (!LocalHome.isSafeName(buildId)) {
      return Optional.empty();
    }
    try {
      return findReadable(buildId);
    } catch (CorruptStateException e) {
      throw new UnreadableEntryException(unreadable(buildId, e), e);
    }
  }

  private UnreadableEntry unreadable(String buildId, CorruptStateException e) {
    Path dir = home.buildDir(buildId);
    String fix =
        "Fix the file by hand, or delete the build with its directory "
            + dir
            + " (it may have been edited or damaged)";
    return new UnreadableEntry(
        buildId, dir.toString(), JsonFiles.withFix(e, fix), projectOf(buildId));
  }

  /** The project of a build whose status cannot be read, from its build file if that can be. */
  private Optional<String> projectOf(String buildId) {
    try {
      return readBuildFile(buildId, home.buildDir(buildId).resolve(BUILD_FILE))
          .filter(b -> b.id().equals(buildId))
          .map(b -> b.request().projectId());
    } catch (CorruptStateException e) {
      return Optional.empty();
    }
  }

  /** The builds that exist but cannot be read, in ID order. */
  @Override
  public List<UnreadableEntry> unreadable() {
    List<UnreadableEntry> damaged = new ArrayList<>();
    List<String> ids = ids();
    ids.sort(Comparator.naturalOrder());
    for (String id : ids) {
      try {
        findReadable(id);
      } catch (CorruptStateException e) {
        damaged.add(unreadable(id, e));
      }
    }
    return damaged;
  }

  private Optional<Build> findReadable(String buildId) {
    Path dir = home.buildDir(buildId);
    Optional<BuildFile> stored = recent.find(buildId, dir.resolve(BUILD_FILE));
    if (stored.isEmpty()) {
      stored = readBuildFile(buildId, dir.resolve(BUILD_FILE));
    }
    if (stored.isEmpty()) {
      Optional<BuildFile> pending = journaled.pending(buildId);
      if (pending.isPresent()) {
        BuildFile p = pending.get();
        return Optional.of(new Build(buildId, p.request(), p.createdAt(), BuildStatus.pending()));
      }
      // claimed, or its entry retired, while we looked: its directory has the file now
      stored = readBuildFile(buildId, dir.resolve(BUILD_FILE));
      if (stored.isEmpty()) {
        return Optional.empty();
      }
    }
    if (!stored.get().id().equals(buildId)) {
      throw JsonFiles.corrupt(
          dir.resolve(BUILD_FILE),
          "it holds build " + stored.get().id() + ", not " + buildId,
          null);
    }
    BuildFile b = stored.get();
    return Optional.of(new Build(buildId, b.request(), b.createdAt(), statuses.read(dir)));
  }

  /** The build file; one a machine crash left unreadable is read from the journal instead. */
  private Optional<BuildFile> readBuildFile(String buildId, Path file) {
    try {
      return json.read(file, BuildFile.class);
    } catch (CorruptStateException e) {
      return Optional.of(journaled.file(buildId).orElseThrow(() -> e));
    }
  }

  /**
   * The IDs of every build: those with a directory and those pending in the journal, in no order.
   */
  public List<String> ids() {
    Set<String> ids = new HashSet<>(directories.listIds());
    for (String id : journaled.ids(Optional.empty())) {
      if (!ids.contains(id) && !journaled.withdrawn(id)) {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }

  /** Newest first; a build whose files cannot be read is skipped with a warning naming it. */
  @Override
  public List<Build> list(Optional<String> projectId) {
    List<Build> builds = new ArrayList<>();
    for (String id : buildIdsNewestFirst(projectId)) {
      try {
        find(id)
            .filter(b -> projectId.isEmpty() || projectId.get().equals(b.projectId()))
            .ifPresent(builds::add);
      } catch (CorruptStateException e) {
        LOG.warn("Skipping build {}: {}", id, e.getMessage());
      }
    }
    return builds;
  }

  /** Exactly once per build, ever: the claim file is created exclusively and never removed. */
  @Override
  public boolean claim(String buildId, String worker) {
    return LocalHome.isSafeName(buildId)
        && journaled.materialize(buildId)
        && find(buildId).isPresent()
        && statuses.claim(buildId, worker);
  }

  @Override
  public void updateStatus(String buildId, BuildStatus status) {
    updateStatus(buildId, current -> status);
  }

  @Override
  public BuildStatus updateStatus(String buildId, UnaryOperator<BuildStatus> change) {
    requireBuild(buildId);
    return statuses.update(buildId, change);
  }

  @Override
  public boolean delete(String buildId) {
    if (!LocalHome.isSafeName(buildId)) {
      return false;
    }
    recent.remove(buildId);
    boolean withdrawn = journaled.withdraw(buildId); // first: a racing claim then backs out
    return directories.delete(buildId) || withdrawn;
  }

  @Override
  public void saveJob(JobRecord job) {
    LocalHome.checkName("job name", job.name());
    requireBuild(job.buildId());
    // Progress information: one append per record, no fsync (a torn last line after a crash is
    // skipped when reading). Cheap enough for builds of thousands of jobs (P3 benchmark).
    JobRecordLog.append(home.jobsFile(job.buildId()), job);
  }

  /** By start time (unstarted last), then name; unreadable records are skipped with a warning. */
  @Override
  public List<JobRecord> jobs(String buildId) {
    List<JobRecord> jobs =
        new ArrayList<>(
            JobRecordLog.latest(
                    home.jobsFile(buildId),
                    why -> LOG.warn("Skipping job record of build {}: {}", buildId, why))
                .values());
    jobs.sort(BY_START);
    return jobs;
  }

  private String createBuildDir() {
    LocalHome.ensureDir(home.buildsDir());
    while (true) {
      String id = ulid.next();
      try {
        Files.createDirectory(home.buildDir(id));
        return id;
      } catch (FileAlreadyExistsException e) {
        // Another process made the same ULID in the same millisecond: take the next one.
      } catch (IOException e) {
        throw new UncheckedIOException("Could not create build directory for " + id + ": " + e, e);
      }
    }
  }

  /** Fails unless the build exists; a build pending in the journal gets its directory. */
  private void requireBuild(String buildId) {
    if (!LocalHome.isSafeName(buildId) || !journaled.materialize(buildId)) {
      throw new BuildNotFoundException(
          "build " + buildId + " not found in " + home.buildsDir() + "; it may have been deleted");
    }
  }

  private List<String> buildIdsNewestFirst(Optional<String> projectId) {
    Set<String> ids = new HashSet<>(directories.listIds());
    ids.addAll(journaled.ids(projectId));
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(Comparator.reverseOrder());
    return sorted;
  }

  /** The content of {@code build.json}. */
  record BuildFile(String id, Instant createdAt, BuildRequest request) {
    BuildFile {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(request, "request");
    }
  }
}
