package dev.kubeherd.core.local;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.port.BuildFeed;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/** A build feed listener that records what it is handed, for the feed tests. */
final class FeedRecorder implements BuildFeed.Listener {
  final List<Build> builds = new CopyOnWriteArrayList<>();
  final List<BuildFeed.InvalidBuild> invalid = new CopyOnWriteArrayList<>();
  private final boolean wantsPending;

  FeedRecorder() {
    this(true);
  }

  FeedRecorder(boolean wantsPending) {
    this.wantsPending = wantsPending;
  }

  @Override
  public boolean wantsPending() {
    return wantsPending;
  }

  @Override
  public void build(Build build) {
    builds.add(build);
  }

  @Override
  public void invalid(BuildFeed.InvalidBuild invalidBuild) {
    invalid.add(invalidBuild);
  }

  List<String> ids() {
    return builds.stream().map(Build::id).toList();
  }

  List<BuildPhase> phases() {
    return builds.stream().map(b -> b.status().phase()).toList();
  }

  /** Waits up to 10 s for {@code condition}. */
  static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
