package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.BuildFeed;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build feed and builds still pending in the delivery journal. */
class DirectoryBuildFeedJournalTest {
  private static final Duration POLL = Duration.ofMillis(20);

  @TempDir Path tmp;

  private LocalHome home;
  private DirectoryBuildStore store;
  private final FeedRecorder recorder = new FeedRecorder();

  @BeforeEach
  void setUp() {
    home = new LocalHome(tmp);
    store = new DirectoryBuildStore(home, Clock.systemUTC());
  }

  @Test
  void journaledDeliveriesArriveFromTheJournalWithoutAFullScanAndAgainOnceClaimed()
      throws Exception {
    DirectoryBuildFeed logOnly = new DirectoryBuildFeed(home, store, POLL, Duration.ofHours(1));
    FeedRecorder statusesOnly = new FeedRecorder(false);
    try (BuildFeed.Subscription ignored = logOnly.subscribe(recorder);
        BuildFeed.Subscription statuses = logOnly.subscribe(statusesOnly);
        JournaledIntake intake =
            JournaledIntake.open(home, store, new DirectoryDeliveries(home)).orElseThrow()) {
      String id = accept(intake, "d-1");

      FeedRecorder.await(() -> recorder.ids().contains(id));
      assertThat(recorder.phases()).containsExactly(BuildPhase.PENDING);
      Thread.sleep(POLL.toMillis() * 5);
      assertThat(statusesOnly.builds).isEmpty();
      assertThat(recorder.builds).hasSize(1); // once, not on every poll

      new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC()).claim(id, "worker-1");

      FeedRecorder.await(() -> statusesOnly.ids().contains(id));
      FeedRecorder.await(() -> recorder.phases().contains(BuildPhase.RUNNING));
    }
  }

  @Test
  void journaledBuildsArriveBeforeSubscribeReturnsUnlessDeleted() throws Exception {
    try (JournaledIntake intake =
        JournaledIntake.open(home, store, new DirectoryDeliveries(home)).orElseThrow()) {
      String kept = accept(intake, "d-1");
      String deleted = accept(intake, "d-2");
      store.delete(deleted);

      try (BuildFeed.Subscription ignored =
          new DirectoryBuildFeed(new LocalHome(tmp), store, POLL).subscribe(recorder)) {
        assertThat(recorder.ids()).containsExactly(kept);
      }
    }
  }

  private static String accept(JournaledIntake intake, String key) throws InterruptedException {
    return intake
        .accept(key, () -> List.of(BuildRequest.of("brigade-p", "push", "github")))
        .buildIds()
        .getFirst();
  }
}
