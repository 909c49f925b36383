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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds as directories {@code builds/<ulid>/} under the {@link LocalHome}: {@code build.json}
 * (request and creation time, written once; the build exists once it does), {@code status.json}
 * (replaced atomically; absent while the build is pending), {@code claim} (created exclusively by
 * the one worker that wins the build) and {@code jobs.jsonl} (job records appended one per line, so
 * a build of many short jobs creates no file per record). Every build file and status written is
 * also named in the {@link BuildChangeLog}, which the {@link DirectoryBuildFeed} follows. Safe to
 * share between threads and processes.
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

  public DirectoryBuildStore(LocalHome home, Clock clock) {
    this.home = home;
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
   * A build with its ID and creation time assigned and its {@code build.json} content made, not yet
   * stored: {@link JournaledIntake} journals it, then {@link #materialize}s it.
   */
  PreparedBuild prepare(BuildRequest request) {
    BuildFile file = new BuildFile(ulid.next(), clock.instant(), request);
    return new PreparedBuild(file, json.toBytes(file));
  }

  /** A prepared build read back from the journal. */
  PreparedBuild prepared(byte[] content) {
    return new PreparedBuild(json.parse(content, BuildFile.class), content);
  }

  /**
   * Writes prepared builds' directories and {@code build.json} files without fsync (the journal
   * holds them; see {@link #sync}); a build file that is already there and readable is kept. The
   * builds are not announced to the feeds yet: {@link #announce} them once their delivery is
   * recorded. A failure part-way leaves the builds written so far; the caller deletes them.
   *
   * @return the IDs whose {@code build.json} had to be written
   */
  List<String> materialize(List<PreparedBuild> builds) {
    List<String> written = new ArrayList<>(builds.size());
    for (PreparedBuild build : builds) {
      makeBuildDir(home.buildDir(build.id()));
      if (writeBuildFile(build)) {
        written.add(build.id());
      }
    }
    return written;
  }

  /**
   * Rewrites the {@code build.json} of those builds whose directory is still there and whose file a
   * machine crash left empty or torn; a build deleted meanwhile (even while this runs) is not
   * brought back.
   *
   * @return the IDs whose file had to be written
   */
  List<String> repair(List<PreparedBuild> builds) {
    List<String> written = new ArrayList<>();
    for (PreparedBuild build : builds) {
      try {
        if (exists(build.id()) && writeBuildFile(build)) {
          written.add(build.id());
        }
      } catch (UncheckedIOException e) {
        if (exists(build.id())) {
          throw e;
        } // deleted while we wrote: leave it deleted
      }
    }
    return written;
  }

  /** Tells the build feeds (of every process) that these builds were written. */
  void announce(List<String> buildIds) {
    changes.append(buildIds);
  }

  /** Whether the build's file had to be written. */
  private boolean writeBuildFile(PreparedBuild build) {
    Path file = home.buildDir(build.id()).resolve(BUILD_FILE);
    boolean written = AtomicFiles.createExclusive(file, build.content(), false);
    if (!written && !readable(file)) {
      AtomicFiles.write(file, build.content(), false); // left empty by a machine crash
      written = true;
    }
    recent.add(build.file(), file);
    return written;
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

  /** Whether the build's directory is there (it was materialized and not deleted since). */
  boolean exists(String buildId) {
    return Files.isDirectory(home.buildDir(buildId));
  }

  /** Makes a materialized build's file durable; its directory entry needs {@link #syncDir}. */
  void sync(String buildId) {
    AtomicFiles.syncFile(home.buildDir(buildId).resolve(BUILD_FILE));
    AtomicFiles.syncDirectory(home.buildDir(buildId));
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
      stored = json.read(dir.resolve(BUILD_FILE), BuildFile.class);
    }
    if (stored.isEmpty()) {
      return Optional.empty();
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

  /** Newest first; a build whose files cannot be read is skipped with a warning naming it. */
  @Override
  public List<Build> list(Optional<String> projectId) {
    List<Build> builds = new ArrayList<>();
    for (String id : buildIdsNewestFirst()) {
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
    return find(buildId).isPresent() && statuses.claim(buildId, worker);
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
    return directories.delete(buildId);
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

  private void requireBuild(String buildId) {
    if (!Files.isRegularFile(home.buildDir(buildId).resolve(BUILD_FILE))) {
      throw new BuildNotFoundException(
          "build " + buildId + " not found in " + home.buildsDir() + "; it may have been deleted");
    }
  }

  private List<String> buildIdsNewestFirst() {
    List<String> ids = new ArrayList<>(directories.listIds());
    ids.sort(Comparator.reverseOrder());
    return ids;
  }

  /** A build ready to store: its {@code build.json} as a record and as bytes. */
  record PreparedBuild(BuildFile file, byte[] content) {
    String id() {
      return file.id();
    }
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
