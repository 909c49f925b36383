package dev.kubeherd.core.local;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local build's status and claim: {@code status.json} (absent while the build is pending),
 * changed only under an OS lock on {@code status.lock} so that concurrent changes in any process
 * each see the ones before them, and {@code claim}, created exclusively by the one worker that wins
 * the build. Used by {@link DirectoryBuildStore}, which checks that the build exists first.
 */
final class BuildStatusFiles {
  private static final Logger LOG = LoggerFactory.getLogger(BuildStatusFiles.class);

  /** Locked (an OS file lock) while a process reads, changes and writes {@code status.json}. */
  static final String STATUS_LOCK = "status.lock";

  /** How old a claim of a build still Pending must be to count as abandoned. */
  static final Duration ABANDONED_CLAIM = Duration.ofMinutes(1);

  /**
   * Within this process, status changes of one build also take one of these (by build ID): an OS
   * file lock does not exclude other threads of the process that holds it.
   */
  private static final Object[] STRIPES = stripes(64);

  private final LocalHome home;
  private final Clock clock;
  private final JsonFiles json;
  private final BuildChangeLog changes;

  BuildStatusFiles(LocalHome home, Clock clock, JsonFiles json, BuildChangeLog changes) {
    this.home = home;
    this.clock = clock;
    this.json = json;
    this.changes = changes;
  }

  /** The status in {@code buildDir}; Pending when none was written yet. */
  BuildStatus read(Path buildDir) {
    Path file = buildDir.resolve(DirectoryBuildStore.STATUS_FILE);
    BuildStatus status =
        json.readIfPresent(file, BuildStatus.class).orElseGet(BuildStatus::pending);
    if (status.phase() == null) {
      throw JsonFiles.corrupt(file, "it has no phase", null);
    }
    return status;
  }

  /** Read, change and write under the build's {@link #STATUS_LOCK}, across processes. */
  BuildStatus update(String buildId, UnaryOperator<BuildStatus> change) {
    Path dir = home.buildDir(buildId);
    synchronized (STRIPES[Math.floorMod(buildId.hashCode(), STRIPES.length)]) {
      try (FileChannel lock =
              FileChannel.open(
                  dir.resolve(STATUS_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        BuildStatus current = read(dir);
        BuildStatus next = change.apply(current);
        if (!next.equals(current)) {
          AtomicFiles.write(dir.resolve(DirectoryBuildStore.STATUS_FILE), json.toBytes(next));
          changes.append(List.of(buildId));
        }
        return next;
      } catch (NoSuchFileException e) {
        throw new BuildNotFoundException(
            "build " + buildId + " not found in " + home.buildsDir() + "; it was deleted");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Could not lock the status of build " + buildId + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Hands an existing build to {@code worker} if it is the first to claim it and the build is still
   * Pending once the claim is made (a cancel may have ended it meanwhile).
   */
  boolean claim(String buildId, String worker) {
    Path claim = home.buildDir(buildId).resolve(DirectoryBuildStore.CLAIM_FILE);
    try {
      if (!AtomicFiles.createExclusive(claim, (worker + "\n").getBytes(StandardCharsets.UTF_8))) {
        endIfAbandoned(buildId, claim);
        return false;
      }
    } catch (UncheckedIOException e) {
      if (Files.notExists(claim.getParent())) {
        return false; // deleted while we tried
      }
      throw e;
    }
    BuildStatus after =
        update(
            buildId, s -> s.phase() == BuildPhase.PENDING ? s.running(worker, clock.instant()) : s);
    return after.phase() == BuildPhase.RUNNING && worker.equals(after.worker());
  }

  /**
   * A claim file next to a status still Pending long after the claim means the claiming process
   * stopped between the two writes (a claimant writes Running right after the claim file): nothing
   * could ever claim the build again, so it is ended Failed, saying so, instead of staying Pending
   * for good.
   */
  private void endIfAbandoned(String buildId, Path claim) {
    try {
      Instant claimedAt = Files.getLastModifiedTime(claim).toInstant();
      if (Duration.between(claimedAt, clock.instant()).compareTo(ABANDONED_CLAIM) < 0) {
        return;
      }
      String claimant = Files.readString(claim, StandardCharsets.UTF_8).strip();
      String why =
          "claimed by "
              + claimant
              + " at "
              + claimedAt
              + ", which stopped before starting it; run it again with brig rerun "
              + buildId;
      update(
          buildId,
          s -> s.phase() == BuildPhase.PENDING ? s.finished(false, 1, clock.instant(), why) : s);
    } catch (IOException | RuntimeException e) {
      LOG.debug("Could not check the claim of build {}: {}", buildId, e.toString());
    }
  }

  private static Object[] stripes(int n) {
    Object[] locks = new Object[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new Object();
    }
    return locks;
  }
}
