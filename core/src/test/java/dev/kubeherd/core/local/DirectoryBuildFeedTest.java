package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBuildFeedTest {
  private static final Duration POLL = Duration.ofMillis(20);

  @TempDir Path tmp;

  private LocalHome home;
  private DirectoryBuildStore store;
  private DirectoryBuildFeed feed;
  private final FeedRecorder recorder = new FeedRecorder();

  @BeforeEach
  void setUp() {
    home = new LocalHome(tmp);
    store = new DirectoryBuildStore(home, Clock.systemUTC());
    // a full scan every third poll, so these tests cover both the change log and the scans
    feed = new DirectoryBuildFeed(home, store, POLL, Duration.ofMillis(3 * POLL.toMillis()));
  }

  private Build create() {
    return store.create(BuildRequest.of("brigade-p", "push", "github"));
  }

  @Test
  void existingBuildsArriveOldestFirstBeforeSubscribeReturns() {
    String first = create().id();
    String second = create().id();

    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      assertThat(recorder.ids()).containsExactly(first, second);
    }
  }

  @Test
  void aNewBuildArrives() throws InterruptedException {
    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      Build created = create();

      FeedRecorder.await(() -> recorder.ids().contains(created.id()));
      assertThat(recorder.builds.getFirst().status().phase()).isEqualTo(BuildPhase.PENDING);
    }
  }

  @Test
  void aBuildWhoseIdSortsBeforeTheKnownOnesStillArrives() throws InterruptedException {
    Build newer = create();
    DirectoryBuildStore earlierClock =
        new DirectoryBuildStore(
            home, Clock.fixed(Instant.now().minusSeconds(3600), ZoneOffset.UTC));
    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      Build older = earlierClock.create(BuildRequest.of("brigade-p", "push", "github"));
      assertThat(older.id()).isLessThan(newer.id());

      FeedRecorder.await(() -> recorder.ids().contains(older.id()));
      store.claim(newer.id(), "worker-1");
      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.RUNNING));
    }
  }

  @Test
  void aDeletedBuildIsForgottenAndLaterBuildsStillArrive() throws InterruptedException {
    Build gone = create();
    Build kept = create();
    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      assertThat(store.delete(gone.id())).isTrue();
      Thread.sleep(3 * POLL.toMillis());
      Build later = create();

      FeedRecorder.await(() -> recorder.ids().contains(later.id()));
      store.claim(kept.id(), "worker-1");
      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.RUNNING));
      assertThat(recorder.ids()).containsExactly(gone.id(), kept.id(), later.id(), kept.id());
    }
  }

  @Test
  void aStatusChangeOfABuildThatWasQuietForLongArrivesWithAFullScan() throws Exception {
    Files.createDirectory(tmp.resolve(BuildChangeLog.FILE)); // no log: only full scans see it
    DirectoryBuildFeed scanning =
        new DirectoryBuildFeed(home, store, POLL, Duration.ofMillis(3 * POLL.toMillis()));
    Build created = create();
    store.claim(created.id(), "worker-1");
    Path dir = tmp.resolve("builds").resolve(created.id());
    // quiet for an hour: the full scan then trusts the directory's time until it changes
    Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
    try (BuildFeed.Subscription ignored = scanning.subscribe(recorder)) {
      Thread.sleep(10 * POLL.toMillis()); // a few scans that skip it

      store.updateStatus(
          created.id(),
          store.find(created.id()).orElseThrow().status().finished(true, 0, Instant.now(), ""));

      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.SUCCEEDED));
      assertThat(recorder.phases()).containsExactly(BuildPhase.RUNNING, BuildPhase.SUCCEEDED);
    }
  }

  @Test
  void aStatusChangeArrivesAgainWithTheNewStatus() throws InterruptedException {
    Build created = create();
    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      store.claim(created.id(), "worker-1");
      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.RUNNING));

      store.updateStatus(
          created.id(),
          store.find(created.id()).orElseThrow().status().finished(true, 0, Instant.now(), ""));
      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.SUCCEEDED));

      assertThat(recorder.phases())
          .containsExactly(BuildPhase.PENDING, BuildPhase.RUNNING, BuildPhase.SUCCEEDED);
    }
  }

  @Test
  void aListenerThatDeclinesPendingBuildsGetsABuildOnlyOnceItIsClaimed() throws Exception {
    Build existing = create();
    FeedRecorder statusesOnly = new FeedRecorder(false);
    try (BuildFeed.Subscription ignored = feed.subscribe(statusesOnly);
        BuildFeed.Subscription all = feed.subscribe(recorder)) {
      Build created = create();
      FeedRecorder.await(() -> recorder.ids().contains(created.id()));
      Thread.sleep(POLL.toMillis() * 5); // past a full scan too
      assertThat(statusesOnly.builds).isEmpty();

      store.claim(created.id(), "worker-1");
      FeedRecorder.await(() -> statusesOnly.ids().contains(created.id()));
      assertThat(statusesOnly.ids()).containsExactly(created.id());
      assertThat(statusesOnly.phases()).containsExactly(BuildPhase.RUNNING);
      assertThat(recorder.ids()).contains(existing.id());
    }
  }

  @Test
  void aPendingBuildIsNotReadForAListenerThatDeclinesPendingBuilds() throws Exception {
    Build broken = create();
    Files.writeString(home.buildDir(broken.id()).resolve("build.json"), "{not json");
    FeedRecorder statusesOnly = new FeedRecorder(false);
    try (BuildFeed.Subscription ignored = feed.subscribe(statusesOnly);
        BuildFeed.Subscription all = feed.subscribe(recorder)) {
      FeedRecorder.await(
          () -> !recorder.invalid.isEmpty()); // a listener that wants it finds it unreadable
      Build marker = create();
      store.claim(marker.id(), "worker-1");
      FeedRecorder.await(() -> statusesOnly.ids().contains(marker.id()));

      assertThat(statusesOnly.invalid).isEmpty(); // never read, so never found broken
    }
  }

  @Test
  void changesMadeByAnotherProcessArriveThroughTheChangeLogWithoutAFullScan() throws Exception {
    DirectoryBuildFeed logOnly = new DirectoryBuildFeed(home, store, POLL, Duration.ofHours(1));
    DirectoryBuildStore otherProcess = new DirectoryBuildStore(home, Clock.systemUTC());
    try (BuildFeed.Subscription ignored = logOnly.subscribe(recorder)) {
      Build created = otherProcess.create(BuildRequest.of("brigade-p", "push", "github"));
      FeedRecorder.await(() -> recorder.ids().contains(created.id()));

      otherProcess.claim(created.id(), "worker-1");

      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.RUNNING));
      assertThat(recorder.phases()).containsExactly(BuildPhase.PENDING, BuildPhase.RUNNING);
    }
  }

  @Test
  void aChangeTheLogMissedArrivesWithTheNextFullScan() throws Exception {
    Files.createDirectory(tmp.resolve(BuildChangeLog.FILE)); // no append can succeed
    DirectoryBuildFeed logOnly = new DirectoryBuildFeed(home, store, POLL, Duration.ofHours(1));
    DirectoryBuildFeed scanning =
        new DirectoryBuildFeed(home, store, POLL, Duration.ofMillis(5 * POLL.toMillis()));
    FeedRecorder scanned = new FeedRecorder();
    try (BuildFeed.Subscription a = logOnly.subscribe(recorder);
        BuildFeed.Subscription b = scanning.subscribe(scanned)) {
      Build created = create();

      FeedRecorder.await(() -> scanned.ids().contains(created.id()));
      Thread.sleep(10 * POLL.toMillis());
      assertThat(recorder.builds).isEmpty(); // its next full scan is an hour away
    }
  }

  @Test
  void unchangedBuildsAreNotDeliveredAgain() throws InterruptedException {
    create();
    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      Build marker = create();
      FeedRecorder.await(() -> recorder.ids().contains(marker.id()));
      Thread.sleep(POLL.toMillis() * 10); // many polls

      assertThat(recorder.builds).hasSize(2);
    }
  }

  @Test
  void aBuildWithUnreadableFilesArrivesAsInvalidOnce() throws IOException, InterruptedException {
    Build broken = create();
    Files.writeString(home.buildDir(broken.id()).resolve("status.json"), "{not json");

    try (BuildFeed.Subscription ignored = feed.subscribe(recorder)) {
      Build marker = create();
      FeedRecorder.await(() -> recorder.ids().contains(marker.id()));
      Thread.sleep(POLL.toMillis() * 5);

      assertThat(recorder.invalid).hasSize(1);
      assertThat(recorder.invalid.getFirst().buildId()).contains(broken.id());
      assertThat(recorder.invalid.getFirst().reason()).contains("status.json");
    }
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheFeed() throws InterruptedException {
    List<String> seen = new CopyOnWriteArrayList<>();
    BuildFeed.Listener failing =
        new BuildFeed.Listener() {
          @Override
          public void build(Build build) {
            seen.add(build.id());
            if (seen.size() % 2 == 0) {
              throw new AssertionError("listener bug, an Error");
            }
            throw new IllegalStateException("listener bug");
          }

          @Override
          public void invalid(BuildFeed.InvalidBuild invalid) {}
        };
    try (BuildFeed.Subscription ignored = feed.subscribe(failing)) {
      String first = create().id();
      FeedRecorder.await(() -> seen.contains(first));
      String second = create().id();
      FeedRecorder.await(() -> seen.contains(second));
      String third = create().id(); // after an Error in the listener
      FeedRecorder.await(() -> seen.contains(third));
    }
  }

  @Test
  void aBuildThatCouldNotBeLookedAtIsRetriedOnTheNextPollNotAtTheNextFullScan() throws Exception {
    Build broken = create();
    Path status = home.buildDir(broken.id()).resolve("status.json");
    Files.createSymbolicLink(status, status.getFileName()); // a loop: stat fails with ELOOP
    DirectoryBuildFeed logOnly = new DirectoryBuildFeed(home, store, POLL, Duration.ofHours(1));
    try (BuildFeed.Subscription ignored = logOnly.subscribe(recorder)) {
      new BuildChangeLog(home).append(List.of(broken.id())); // named by the log: looked at, fails
      Thread.sleep(5 * POLL.toMillis());
      assertThat(recorder.ids()).doesNotContain(broken.id());

      // repaired behind the store's back: no new line in the log, only the retry can see it
      Build other = create();
      store.claim(other.id(), "worker-1");
      Files.delete(status);
      Files.copy(home.buildDir(other.id()).resolve("status.json"), status);

      FeedRecorder.await(
          () ->
              recorder.builds.stream()
                  .anyMatch(
                      b -> b.id().equals(broken.id()) && b.status().phase() == BuildPhase.RUNNING));
    }
  }

  @Test
  void closeStopsTheDeliveries() throws InterruptedException {
    BuildFeed.Subscription subscription = feed.subscribe(recorder);
    subscription.close();

    create();
    Thread.sleep(POLL.toMillis() * 10);

    assertThat(recorder.builds).isEmpty();
  }

  @Test
  void closingTheSubscriptionClosesTheChangeLog() throws Exception {
    Path log = tmp.resolve(BuildChangeLog.FILE);
    BuildFeed.Subscription subscription = feed.subscribe(recorder);
    Build created = create();
    FeedRecorder.await(() -> recorder.ids().contains(created.id()));
    FeedRecorder.await(
        () -> openFilesOf(log) > 0); // a full scan may deliver it before the log is opened

    subscription.close();

    FeedRecorder.await(() -> openFilesOf(log) == 0);
  }

  /** How many of this process's file descriptors are open on {@code file} (Linux). */
  private static long openFilesOf(Path file) {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                  return false; // closed while listing
                }
              })
          .count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
