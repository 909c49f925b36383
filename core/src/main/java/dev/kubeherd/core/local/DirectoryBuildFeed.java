package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BuildFeed} of the directory store: each subscription polls {@code builds/} every
 * interval on its own daemon thread. A build is delivered when it is first seen and again whenever
 * its {@code status.json} is replaced (every status write is an atomic rename, so a change shows as
 * a new file: another file key, modification time or size). Builds that exist when a subscription
 * starts are delivered, oldest first, before {@link #subscribe} returns. Deleted builds are
 * forgotten; a build whose files cannot be read arrives once per change as an {@link InvalidBuild}.
 *
 * <p>A poll costs one {@code stat} per recently changed build plus one directory listing: a build
 * whose directory has not changed for {@link #COLD} is looked at every {@link #COLD_EVERY}th poll
 * only (so a change to it shows within about 2 s at the default interval), and the listing is
 * compared with what is known instead of being sorted. A home with tens of thousands of builds (a
 * busy gateway's) otherwise cost the feed thread more than storing the deliveries.
 */
public final class DirectoryBuildFeed implements BuildFeed {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryBuildFeed.class);

  /** How often {@code kubeherd serve --local} and the local gateway look for changes. */
  public static final Duration DEFAULT_POLL = Duration.ofMillis(500);

  /** How long a build directory must have been unchanged before its time alone is trusted. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  /** How long a build directory must have been unchanged before it is looked at less often. */
  static final Duration COLD = Duration.ofSeconds(5);

  /** A cold build is looked at on one poll in this many. */
  static final int COLD_EVERY = 4;

  private final LocalHome home;
  private final DirectoryBuildStore store;
  private final Duration poll;

  /**
   * @param store the store over {@code home}, used to read the builds it finds
   * @param poll how often to look for new and changed builds
   */
  public DirectoryBuildFeed(LocalHome home, DirectoryBuildStore store, Duration poll) {
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException(
          "the build feed's poll interval must be positive: " + poll);
    }
    this.home = home;
    this.store = store;
    this.poll = poll;
  }

  /** Polls every {@link #DEFAULT_POLL}. */
  public DirectoryBuildFeed(LocalHome home, DirectoryBuildStore store) {
    this(home, store, DEFAULT_POLL);
  }

  @Override
  public Subscription subscribe(Listener listener) {
    ScheduledExecutorService thread =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("kubeherd-build-feed").factory());
    Poller poller = new Poller(listener);
    try {
      thread.submit(poller::scanLogged).get();
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the existing builds", e);
    } catch (ExecutionException e) {
      thread.shutdownNow();
      throw new IllegalStateException("listing the existing builds failed", e.getCause());
    }
    long millis = poll.toMillis();
    thread.scheduleWithFixedDelay(poller::scanLogged, millis, millis, TimeUnit.MILLISECONDS);
    return () -> stop(thread);
  }

  private static void stop(ScheduledExecutorService thread) {
    thread.shutdownNow();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("The build feed thread did not stop within 5 s (a listener is still busy)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * What identifies one stored version of a build: its status file (absent before the first status
   * write) and the build file (written once, last, when the build is created).
   */
  private record Stamp(Object statusKey, FileTime statusModified, long statusSize) {}

  /** One subscription's memory of what it delivered; used only by the feed thread. */
  private final class Poller {
    private final Listener listener;
    private final Map<String, Stamp> delivered = new HashMap<>();

    /**
     * Modification times of build directories that had not changed for {@link #QUIET} when last
     * checked. A status write (a rename into the directory) changes that time, so while it stays
     * the same the build needs no further look. Recent times are not trusted: the file system's
     * clock is coarse, and two changes within one tick leave the same time.
     */
    private final Map<String, FileTime> quiet = new HashMap<>();

    /** Every build ID listed by the last poll, oldest first (IDs sort by creation time). */
    private final List<String> known = new ArrayList<>();

    private final Set<String> knownSet = new HashSet<>();
    private long polls;
    private String lastProblem = "";

    Poller(Listener listener) {
      this.listener = listener;
    }

    /** One pass; a failure to list is logged when it starts and when it changes, not each poll. */
    void scanLogged() {
      try {
        scan();
        lastProblem = "";
      } catch (RuntimeException e) {
        String problem = String.valueOf(e.getMessage());
        if (!problem.equals(lastProblem)) {
          LOG.warn("Cannot look for builds in {}: {}", home.buildsDir(), problem);
          lastProblem = problem;
        }
      }
    }

    private void scan() {
      refreshKnown();
      polls++;
      long now = System.currentTimeMillis();
      long quietBefore = now - QUIET.toMillis();
      long coldBefore = now - COLD.toMillis();
      for (String id : known) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        FileTime wasQuiet = quiet.get(id);
        if (wasQuiet != null
            && wasQuiet.toMillis() < coldBefore
            && Math.floorMod(id.hashCode() + polls, COLD_EVERY) != 0) {
          continue; // cold: looked at on another poll
        }
        Optional<FileTime> dirModified = modified(home.buildDir(id));
        if (dirModified.isPresent()
            && dirModified.get().equals(wasQuiet)
            && delivered.containsKey(id)) {
          continue; // nothing in the build's directory changed since it was last checked
        }
        Optional<Stamp> stamp = stamp(id);
        dirModified
            .filter(t -> t.toMillis() < quietBefore)
            .ifPresentOrElse(t -> quiet.put(id, t), () -> quiet.remove(id));
        if (stamp.isEmpty() || stamp.get().equals(delivered.get(id))) {
          continue; // still being created, or unchanged
        }
        if (deliver(id)) {
          delivered.put(id, stamp.get());
        }
      }
    }

    /** Brings {@link #known} up to date with one listing: new IDs sorted in, gone ones dropped. */
    private void refreshKnown() {
      List<String> listed = buildIds();
      Set<String> present = new HashSet<>(listed.size() * 2);
      List<String> fresh = new ArrayList<>();
      for (String id : listed) {
        present.add(id);
        if (!knownSet.contains(id)) {
          fresh.add(id);
        }
      }
      if (knownSet.size() > present.size() - fresh.size()) { // some known builds are gone
        known.removeIf(id -> !present.contains(id));
        knownSet.retainAll(present);
        delivered.keySet().retainAll(present);
        quiet.keySet().retainAll(present);
      }
      if (fresh.isEmpty()) {
        return;
      }
      fresh.sort(null);
      boolean appended = known.isEmpty() || known.getLast().compareTo(fresh.getFirst()) < 0;
      known.addAll(fresh);
      knownSet.addAll(fresh);
      if (!appended) {
        known.sort(null);
      }
    }

    /** Whether the build was handed to the listener (or reported unreadable). */
    private boolean deliver(String id) {
      Optional<Build> build;
      try {
        build = store.find(id);
      } catch (CorruptStateException e) {
        call(
            id,
            () ->
                listener.invalid(
                    new InvalidBuild(
                        home.buildDir(id).toString(), Optional.of(id), e.getMessage())));
        return true;
      }
      if (build.isEmpty()) {
        return false; // deleted, or its build file is not written yet
      }
      call(id, () -> listener.build(build.get()));
      return true;
    }

    private void call(String id, Runnable delivery) {
      try {
        delivery.run();
      } catch (RuntimeException e) {
        LOG.error("Build listener failed on build {}", id, e);
      }
    }
  }

  /** Empty while the build file is missing (the build is being created or was deleted). */
  private Optional<Stamp> stamp(String id) {
    Path dir = home.buildDir(id);
    if (!Files.isRegularFile(dir.resolve(DirectoryBuildStore.BUILD_FILE))) {
      return Optional.empty();
    }
    Path file = dir.resolve(DirectoryBuildStore.STATUS_FILE);
    try {
      // null when missing (a pending build): no exception with a stack trace for every new build
      BasicFileAttributes status =
          file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class);
      return Optional.of(
          status == null
              ? new Stamp(null, FileTime.fromMillis(0), -1)
              : new Stamp(status.fileKey(), status.lastModifiedTime(), status.size()));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the status of build " + id + ": " + e, e);
    }
  }

  private static Optional<FileTime> modified(Path dir) {
    try {
      BasicFileAttributes attributes =
          dir.getFileSystem().provider().readAttributesIfExists(dir, BasicFileAttributes.class);
      return Optional.ofNullable(attributes).map(BasicFileAttributes::lastModifiedTime);
    } catch (IOException e) {
      return Optional.empty(); // deleted meanwhile; the full check decides
    }
  }

  /** The build IDs in {@code builds/}, in no order (names only: no path objects). */
  private List<String> buildIds() {
    File dir = home.buildsDir().toFile();
    String[] names = dir.list();
    if (names == null) {
      if (dir.exists()) {
        throw new UncheckedIOException(
            "Could not list " + home.buildsDir() + ": not a readable directory",
            new IOException("cannot list " + dir));
      }
      return List.of();
    }
    List<String> ids = new ArrayList<>(names.length);
    for (String name : names) {
      if (LocalHome.isSafeName(name)) {
        ids.add(name);
      }
    }
    return ids;
  }
}
