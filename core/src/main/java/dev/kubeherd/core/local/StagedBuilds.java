package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import dev.kubeherd.core.local.DirectoryBuildStore.PreparedBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the builds of journaled deliveries into {@code builds/} without fsync (the journal holds
 * them until they are synced). A new build's directory is made under a hidden name ({@code
 * .<id>.new}), filled, and renamed into place: readers see the whole build or none of it, and
 * nothing is created only to be deleted again. That matters on ext4 without a journal (this
 * project's benchmark machines), where every inode allocation scans past inodes deleted in the last
 * minutes; two temp files per delivery made the gateway's file creation slower the longer it ran
 * (P4, 2026-11-26).
 *
 * <p>The first build's directory also gets {@link #DELIVERY_FILE}, the delivery's record, which
 * {@link DirectoryDeliveries#link} then hard-links as {@code deliveries/<key>.json}.
 */
final class StagedBuilds {
  /** The record of the delivery that created the build, also linked from {@code deliveries/}. */
  static final String DELIVERY_FILE = "delivery.json";

  private static final String STAGING_SUFFIX = ".new";

  private final LocalHome home;
  private final RecentBuilds recent;
  private final BuildChangeLog changes;
  private final JsonFiles json = new JsonFiles();

  StagedBuilds(LocalHome home, RecentBuilds recent, BuildChangeLog changes) {
    this.home = home;
    this.recent = recent;
    this.changes = changes;
  }

  /**
   * Writes the builds that are not on disk yet and rewrites build files a machine crash left
   * unreadable; names the written ones in the change log.
   *
   * @param record the delivery record to put into the first build's directory; null for none
   * @param fresh the builds were prepared just now (their IDs are new): no need to look first
   * @return where the record is, when one was asked for
   */
  Optional<Path> write(List<PreparedBuild> builds, byte[] record, boolean fresh) {
    List<String> written = new ArrayList<>(builds.size());
    Optional<Path> recordFile = Optional.empty();
    try {
      for (PreparedBuild build : builds) {
        byte[] mine = recordFile.isEmpty() ? record : null;
        Path dir = home.buildDir(build.id());
        boolean wrote =
            !fresh && Files.isDirectory(dir) ? repair(build, dir, mine) : stage(build, dir, mine);
        if (wrote) {
          written.add(build.id());
        }
        recent.add(build.file(), dir.resolve(DirectoryBuildStore.BUILD_FILE));
        if (mine != null) {
          recordFile = Optional.of(dir.resolve(DELIVERY_FILE));
        }
      }
    } finally {
      changes.append(written); // also those written before a failure
    }
    return recordFile;
  }

  /** Makes the build's directory under its hidden name, fills it and renames it into place. */
  private boolean stage(PreparedBuild build, Path dir, byte[] record) {
    Path staging = home.buildsDir().resolve("." + build.id() + STAGING_SUFFIX);
    makeStagingDir(staging);
    writeFile(staging.resolve(DirectoryBuildStore.BUILD_FILE), build.content());
    if (record != null) {
      writeFile(staging.resolve(DELIVERY_FILE), record);
    }
    try {
      Files.move(staging, dir);
      return true;
    } catch (FileAlreadyExistsException e) {
      // replayed beside the request that stored it: that one's directory stays
      BuildDirectories.deleteTree(staging);
      return repair(build, dir, record);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not store build " + build.id() + ": " + e, e);
    }
  }

  /** Rewrites what a machine crash left unreadable in an existing build directory. */
  private boolean repair(PreparedBuild build, Path dir, byte[] record) {
    if (record != null) {
      AtomicFiles.write(dir.resolve(DELIVERY_FILE), record, false);
    }
    Path file = dir.resolve(DirectoryBuildStore.BUILD_FILE);
    if (readable(file)) {
      return false;
    }
    AtomicFiles.write(file, build.content(), false);
    return true;
  }

  private boolean readable(Path file) {
    try {
      return json.read(file, BuildFile.class).isPresent();
    } catch (CorruptStateException e) {
      return false;
    }
  }

  /** A staging directory left by a killed process is reused: its files are rewritten. */
  private void makeStagingDir(Path staging) {
    try {
      Files.createDirectory(staging);
    } catch (FileAlreadyExistsException e) {
      // left by a process killed while storing this build: overwritten below
    } catch (NoSuchFileException e) {
      LocalHome.ensureDir(staging); // builds/ is missing
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create build directory " + staging + ": " + e, e);
    }
  }

  private static void writeFile(Path file, byte[] content) {
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write " + file + ": " + e, e);
    }
  }
}
