package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BuildFeed} of the directory store: each subscription polls on its own daemon thread. A
 * build is delivered when it is first seen and again whenever its {@code status.json} is replaced
 * (every status write is an atomic rename, so a change shows as a new file: another file key,
 * modification time or size). Builds that exist when a subscription starts are delivered, oldest
 * first, before {@link #subscribe} returns. A build whose files cannot be read arrives once per
 * change as an {@link InvalidBuild}.
 *
 * <p>A poll reads the {@link BuildChangeLog}, where every {@link DirectoryBuildStore} (in any
 * process) appends the ID of a build it created or whose status it wrote, and looks at those builds
 * only: its cost follows the changes, not the number of builds (a busy gateway's home holds tens of
 * thousands, mostly pending while the controller catches up). Every {@link #FULL_SCAN} it lists
 * {@code builds/} and looks at every build instead, so a status change the log missed (a failed
 * append, an older kubeherd, a rotation race) still arrives, later, and deleted builds are
 * forgotten. A full scan costs one listing and one {@code stat} per build whose directory has not
 * changed since it was last looked at.
 *
 * <p>Builds pending in the delivery journal ({@link JournalView}) have no directory yet: a listener
 * that {@linkplain Listener#wantsPending wants pending builds} gets each once, as the journal shows
 * it (each poll reads what was appended since the last), and again like any other build once it is
 * claimed.
 */
public final class DirectoryBuildFeed implements BuildFeed {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryBuildFeed.class);

  /** How often {@code kubeherd serve --local} and the local gateway look for changes. */
  public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

  /** How often a subscription looks at every build, for changes the change log does not name. */
  public static final Duration FULL_SCAN = Duration.ofSeconds(10);

  /** How long a build directory must have been unchanged before its time alone is trusted. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  private final LocalHome home;
  private final DirectoryBuildStore store;
  private final BuildDirectories directories;
  private final Duration poll;
  private final long fullScanEvery;

  /**
   * @param store the store over {@code home}, used to read the builds it finds
   * @param poll how often to look for new and changed builds
   * @param fullScan how often to look at every build (on every n-th poll: {@code fullScan / poll}
   *     rounded down, at least 1)
   */
  public DirectoryBuildFeed(
      LocalHome home, DirectoryBuildStore store, Duration poll, Duration fullScan) {
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException(
          "the build feed's poll interval must be positive: " + poll);
    }
    this.home = home;
    this.store = store;
    this.directories = new BuildDirectories(home);
    this.poll = poll;
    this.fullScanEvery = Math.max(1, fullScan.toMillis() / Math.max(1, poll.toMillis()));
  }

  /** Polls every {@code poll} and scans every {@link #FULL_SCAN}. */
  public DirectoryBuildFeed(LocalHome home, DirectoryBuildStore store, Duration poll) {
    this(home, store, poll, FULL_SCAN);
  }

  /** Polls every {@link #DEFAULT_POLL}. */
  public DirectoryBuildFeed(LocalHome home, DirectoryBuildStore store) {
    this(home, store, DEFAULT_POLL);
  }

  @Override
  public Subscription subscribe(Listener listener) {
    // the log is followed from before the first scan, so no change falls between the two
    Poller poller = new Poller(listener, new BuildChangeLog(home).tail());
    ScheduledExecutorService thread =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().daemon().name("kubeherd-build-feed").factory()) {
          @Override
          protected void terminated() {
            poller.tail.close(); // after the last poll, however the subscription ended
          }
        };
    try {
      thread.submit(poller::pollLogged).get();
    } catch (InterruptedException e) {
      stop(thread);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing the existing builds", e);
    } catch (ExecutionException e) {
      stop(thread);
      throw new IllegalStateException("listing the existing builds failed", e.getCause());
    }
    long millis = poll.toMillis();
    thread.scheduleWithFixedDelay(poller::pollLogged, millis, millis, TimeUnit.MILLISECONDS);
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

  /** One subscription's memory of what it delivered; used only by the feed thread. */
  private final class Poller {
    private final Listener listener;
    private final BuildChangeTail tail;
    private final Map<String, BuildStamp> delivered = new HashMap<>();

    /**
     * Modification times of build directories that had not changed for {@link #QUIET} when last
     * checked. A status write (a rename into the directory) changes that time, so while it stays
     * the same the build needs no further look. Recent times are not trusted: the file system's
     * clock is coarse, and two changes within one tick leave the same time.
     */
    private final Map<String, FileTime> quiet = new HashMap<>();

    private final KnownBuilds known = new KnownBuilds();

    /** Journaled builds handed over (or found to have a directory); for listeners of pending. */
    private final Set<String> journaled = new HashSet<>();

    private long journalCursor;

    /** Builds the log named whose check failed: looked at again on the next poll. */
    private final Set<String> retry = new LinkedHashSet<>();

    private long polls;
    private String lastProblem = "";
    private String lastBuildProblem = "";

    Poller(Listener listener, BuildChangeTail tail) {
      this.listener = listener;
      this.tail = tail;
    }

    /** One poll; a failure is logged when it starts and when it changes, not each poll. */
    void pollLogged() {
      try {
        if (polls++ % fullScanEvery == 0) {
          scan();
        } else {
          readChanges();
        }
        lastProblem = "";
      } catch (RuntimeException e) {
        String problem = String.valueOf(e.getMessage());
        if (!problem.equals(lastProblem)) {
          LOG.warn("Cannot look for builds in {}: {}", home.buildsDir(), problem);
          lastProblem = problem;
        }
      }
    }

    /** Looks at the builds the change log names since the last poll. */
    private void readChanges() {
      Set<String> changed = new LinkedHashSet<>(retry);
      retry.clear();
      tail.read(changed::add);
      if (listener.wantsPending()) {
        JournalView.Arrivals arrived = home.journal().arrivedAfter(journalCursor);
        journalCursor = arrived.cursor();
        arrived.ids().forEach(this::checkJournaled); // one that fails: the next full scan
      }
      for (String id : changed) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        if (!LocalHome.isSafeName(id)) {
          continue;
        }
        known.add(id);
        quiet.remove(id); // changed: the next full scan looks again
        if (!check(id)) {
          retry.add(id);
        }
      }
    }

    /** Looks at every build; one whose directory stayed the same since it was quiet is skipped. */
    private void scan() {
      refreshKnown();
      long quietBefore = System.currentTimeMillis() - QUIET.toMillis();
      for (String id : known) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        FileTime wasQuiet = quiet.get(id);
        Optional<FileTime> dirModified = BuildStamp.modified(home.buildDir(id));
        if (dirModified.isPresent()
            && dirModified.get().equals(wasQuiet)
            && delivered.containsKey(id)) {
          continue; // nothing in the build's directory changed since it was last checked
        }
        boolean checked = check(id);
        // trusted from now on only once the build was looked at
        dirModified
            .filter(t -> checked && t.toMillis() < quietBefore)
            .ifPresentOrElse(t -> quiet.put(id, t), () -> quiet.remove(id));
      }
      if (listener.wantsPending()) {
        scanJournal(); // after the builds with directories: journaled ones are mostly newer
      }
    }

    /**
     * Delivers the build if its files changed since it was last delivered; false when they could
     * not be looked at (logged once per distinct problem).
     */
    private boolean check(String id) {
      try {
        Optional<BuildStamp> stamp = BuildStamp.of(home, id);
        if (stamp.isEmpty() || stamp.get().equals(delivered.get(id))) {
          return true; // still being created, deleted, or unchanged
        }
        if (stamp.get().pending() && !listener.wantsPending()) {
          // not read (a GitHub gateway's status reporter would parse every payload for nothing);
          // not marked delivered either, so the first status write delivers it
          return true;
        }
        if (deliver(id)) {
          delivered.put(id, stamp.get());
        }
        return true;
      } catch (RuntimeException e) {
        return cannotLook(id, e);
      }
    }

    /** Logs a build that could not be looked at, once per distinct problem; false. */
    private boolean cannotLook(String id, RuntimeException e) {
      String problem = String.valueOf(e.getMessage());
      if (!problem.equals(lastBuildProblem)) {
        LOG.warn("Cannot look at build {} (will retry): {}", id, problem);
        lastBuildProblem = problem;
      }
      return false;
    }

    /** Hands over the journal's pending builds not handed over yet, and forgets retired ones. */
    private void scanJournal() {
      JournalView.Arrivals all = home.journal().arrivedAfter(0);
      journalCursor = Math.max(journalCursor, all.cursor());
      journaled.retainAll(new HashSet<>(all.ids()));
      for (String id : all.ids()) {
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
        checkJournaled(id);
      }
    }

    /**
     * Hands a build the journal holds to the listener as pending, once, unless it has its directory
     * (then it arrives like any other build) or was withdrawn; false when it could not be read.
     */
    private boolean checkJournaled(String id) {
      if (journaled.contains(id)) {
        return true;
      }
      try {
        if (BuildStamp.of(home, id).isEmpty()) {
          store.find(id).ifPresent(b -> call(id, () -> listener.build(b)));
        }
        journaled.add(id);
        return true;
      } catch (RuntimeException e) {
        return cannotLook(id, e);
      }
    }

    /** Brings {@link #known} up to date with one listing, forgetting builds that are gone. */
    private void refreshKnown() {
      known
          .refresh(directories.listIds())
          .ifPresent(
              present -> {
                delivered.keySet().retainAll(present);
                quiet.keySet().retainAll(present);
              });
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

    /** A listener that throws, even an {@link Error}, must not end the polling. */
    private void call(String id, Runnable delivery) {
      try {
        delivery.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (RuntimeException | Error e) {
        LOG.error("Build listener failed on build {}", id, e);
      }
    }
  }
}
