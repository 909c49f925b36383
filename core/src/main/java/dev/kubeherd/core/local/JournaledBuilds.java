package dev.kubeherd.core.local;

import static dev.kubeherd.core.local.DirectoryBuildStore.BUILD_FILE;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@link DirectoryBuildStore}'s side of builds pending in the delivery journal ({@link
 * JournalView}): reading them, writing a build's directory when it is claimed or changed, marking
 * one withdrawn when it is deleted, and telling {@link JournalRetirement} when one no longer needs
 * its entry.
 */
final class JournaledBuilds {
  private final LocalHome home;
  private final JsonFiles json;
  private final BuildDirectories directories;
  private final RecentBuilds recent;
  private final JournalView journal;
  private final DirectoryDeliveries deliveries;

  JournaledBuilds(
      LocalHome home, JsonFiles json, BuildDirectories directories, RecentBuilds recent) {
    this.home = home;
    this.json = json;
    this.directories = directories;
    this.recent = recent;
    this.journal = home.journal();
    this.deliveries = new DirectoryDeliveries(home);
  }

  /**
   * The build file of a build pending in the journal: not withdrawn, and no directory made for it
   * yet (one claimed meanwhile is empty here: read its directory).
   */
  Optional<BuildFile> pending(String buildId) {
    Optional<JournaledBuild> entry = journal.find(buildId);
    if (entry.isEmpty() || journal.withdrawn(buildId) || hasBuildFile(buildId)) {
      return Optional.empty();
    }
    return Optional.of(entry.get().file(json));
  }

  /** The journal's copy of a build's file, whatever its state. */
  Optional<BuildFile> file(String buildId) {
    return journal.find(buildId).map(b -> b.file(json));
  }

  /** IDs the journal holds, of one project when given (settled ones too). */
  List<String> ids(Optional<String> projectId) {
    return journal.ids(projectId);
  }

  boolean withdrawn(String buildId) {
    return journal.withdrawn(buildId);
  }

  void touchWithdrawn(String buildId) {
    journal.touchWithdrawn(buildId);
  }

  /**
   * Marks a build the journal holds withdrawn, before its directory (if any) is deleted.
   *
   * @return whether it was pending in the journal and now is not
   */
  boolean withdraw(String buildId) {
    if (!journal.holds(buildId) || journal.withdrawn(buildId)) {
      return false;
    }
    journal.withdraw(buildId);
    return true;
  }

  private boolean hasBuildFile(String buildId) {
    return Files.isRegularFile(home.buildDir(buildId).resolve(BUILD_FILE));
  }

  /**
   * Writes a journaled build's directory and {@code build.json} (without fsync: the journal keeps
   * the entry until {@link #sync}), unless it has them already.
   *
   * @return false when the build is neither in {@code builds/} nor pending in the journal (unknown,
   *     deleted or withdrawn)
   */
  boolean materialize(String buildId) {
    if (hasBuildFile(buildId)) {
      return true;
    }
    Optional<JournaledBuild> journaled = journal.find(buildId);
    if (journaled.isEmpty() || journal.withdrawn(buildId)) {
      return hasBuildFile(buildId); // retired meanwhile: its directory was made by another
    }
    Path file = home.buildDir(buildId).resolve(BUILD_FILE);
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
    return hasBuildFile(buildId) || journal.withdrawn(buildId);
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
}
