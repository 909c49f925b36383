package dev.kubeherd.core.local;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Ulid;
import dev.kubeherd.core.port.BuildStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
public final class DirectoryBuildStore implements BuildStore {
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
  private final JournalView journal;
  private final DirectoryDeliveries deliveries;

  public DirectoryBuildStore(LocalHome home, Clock clock) {
    this.home = home;
    this.journal = home.journal();
    this.deliveries = new DirectoryDeliveries(home);
    this.clock = clock;
    this.ulid = new Ulid(clock);
    this.changes = new BuildChangeLog(home);
    this.directories = new BuildDirectories(home);
    this.statuses = new BuildStatusFiles(home, clock, json, changes);
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
  JournaledBuild prepare(BuildRequest request) {
    return JournaledBuild.of(new BuildFile(ulid.next(), clock.instant(), request), json);
  }

  /**
   * Writes a journaled build's directory and {@code build.json} (without fsync: the journal keeps
   * the entry until {@link #sync}), unless it has them already.
   *
   * @return false when the build is neither in {@code builds/} nor pending in the journal (unknown,
   *     deleted or withdrawn)
   */
  private boolean materialize(String buildId) {
    Path file = home.buildDir(buildId).resolve(BUILD_FILE);
    if (Files.isRegularFile(file)) {
      return true;
    }
    Optional<JournaledBuild> journaled = journal.find(buildId);
    if (journaled.isEmpty() || journal.withdrawn(buildId)) {
      return Files.isRegularFile(file); // retired meanwhile: its directory was made by another
    }
    if (recordedWithOtherBuilds(buildId)) {
      journal.withdraw(buildId);
      return false;
    }
    makeBuildDir(home.buildDir(buildId));
    BuildFile content = journaled.get().file(json);
    if (!AtomicFiles.createExclusive(file, json.toBytes(content), false) && !readable(file)) {
      AtomicFiles.write(file, json.toBytes(content), false); // left empty by a machine crash
    }
    if (journal.withdrawn(buildId)) {
      // deleted while we wrote it: leave it deleted
      directories.delete(buildId);
      return false;
    }
    recent.add(content, file);
    return true;
  }

  /** {@link #settled} without reading anything: a look at two names. */
  boolean looksSettled(String buildId) {
    return Files.isRegularFile(home.buildDir(buildId).resolve(BUILD_FILE))
        || journal.withdrawn(buildId);
  }

  /**
   * Whether another process (a gateway without the journal) recorded the build's delivery first,
   * with builds of its own: those run, this one is withdrawn before it can.
   */
  private boolean recordedWithOtherBuilds(String buildId) {
    Optional<String> key = journal.keyOf(buildId);
    if (key.isEmpty()) {
      return false;
    }
    try {
      return deliveries.findRecorded(key.get()).filter(ids -> !ids.contains(buildId)).isPresent();
    } catch (CorruptStateException e) {
      return false; // being written by the journal's own retirement, or damaged: not another's
    }
  }

  /**
   * Whether a journaled build no longer needs its entry: it has its {@code build.json} (made
   * durable with {@link #sync} before the entry goes), or it was withdrawn. A build file a machine
   * crash left empty or torn is written again from the entry first.
   */
  boolean settled(JournaledBuild build) {
    if (journal.withdrawn(build.id())) {
      return true;
    }
    Path file = home.buildDir(build.id()).resolve(BUILD_FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    if (!readable(file)) {
      AtomicFiles.write(file, build.content(json), false); // torn by a machine crash
    }
    return true;
  }

  /** One {@code mkdir} in the usual case; {@code builds/} is made only when it is missing. */
  private void makeBuildDir(Path dir) {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      // replayed, or applied twice
    } catch (NoSuchFileException e) {
      LocalHome.ensureDir(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create build directory " + dir + ": " + e, e);
    }
  }

  /**
   * Makes a settled build's file durable, if it has one (a withdrawn build may not); its directory
   * entry needs {@link #syncDir}.
   */
  void sync(String buildId) {
    Path file = home.buildDir(buildId).resolve(BUILD_FILE);
    if (Files.isRegularFile(file)) {
      AtomicFiles.syncFile(file);
      AtomicFiles.syncDirectory(home.buildDir(buildId));
    }
  }

  /** Makes the entries of {@code builds/} durable. */
  void syncDir() {
    AtomicFiles.syncDirectory(home.buildsDir());
  }

  private boolean readable(Path file) {
    try {
      return json.read(file, BuildFile.class).isPresent();
    } catch (CorruptStateException e) {
      return false;
    }
  }

  /**
   * @throws CorruptStateException naming the file when the build's files cannot be read
   */
  @Override
  public Optional<Build> find(String buildId) {
    if (!LocalHome.isSafeName(buildId)) {
      return Optional.empty();
    }
    Path dir = home.buildDir(buildId);
    Optional<BuildFile> stored = recent.find(buildId, dir.resolve(BUILD_FILE));
    if (stored.isEmpty()) {
      stored = readBuildFile(buildId, dir.resolve(BUILD_FILE));
    }
    if (stored.isEmpty()) {
      return journaled(buildId);
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
      Optional<JournaledBuild> journaled = journal.find(buildId);
      if (journaled.isEmpty()) {
        throw e;
      }
      return Optional.of(journaled.get().file(json));
    }
  }

  /** A build pending in the journal: not withdrawn, and no directory made for it yet. */
  private Optional<Build> journaled(String buildId) {
    Optional<JournaledBuild> entry = journal.find(buildId);
    if (entry.isEmpty()) {
      // its segment may have been retired after we looked for the build file: look again
      return Files.isRegularFile(home.buildDir(buildId).resolve(BUILD_FILE))
          ? find(buildId)
          : Optional.empty();
    }
    if (journal.withdrawn(buildId)) {
      return Optional.empty();
    }
    if (Files.isRegularFile(home.buildDir(buildId).resolve(BUILD_FILE))) {
      return find(buildId); // claimed while we read the entry
    }
    BuildFile b = entry.get().file(json);
    return Optional.of(new Build(buildId, b.request(), b.createdAt(), BuildStatus.pending()));
  }

  /**
   * The IDs of every build: those with a directory and those pending in the journal, in no order.
   */
  public List<String> ids() {
    Set<String> ids = new HashSet<>(directories.listIds());
    for (String id : journal.ids(Optional.empty())) {
      if (!ids.contains(id) && !journal.withdrawn(id)) {
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
        && materialize(buildId)
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
    boolean journaled = journal.holds(buildId) && !journal.withdrawn(buildId);
    if (journaled) {
      journal.withdraw(buildId); // first: a claim racing with us then sees it and backs out
    }
    return directories.delete(buildId) || journaled;
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
    if (!LocalHome.isSafeName(buildId) || !materialize(buildId)) {
      throw new BuildNotFoundException(
          "build " + buildId + " not found in " + home.buildsDir() + "; it may have been deleted");
    }
  }

  private List<String> buildIdsNewestFirst(Optional<String> projectId) {
    Set<String> ids = new HashSet<>(directories.listIds());
    ids.addAll(journal.ids(projectId));
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
