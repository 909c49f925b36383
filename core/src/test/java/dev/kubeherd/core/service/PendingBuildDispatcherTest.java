package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingBuildDispatcherTest {
  @TempDir Path tmp;

  @Test
  void aBuildThatCannotBeLaunchedGivesBackItsSlotAndTheNextBuildsStillRun() {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    Build broken = builds.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    Build fine = builds.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    List<String> launched = new ArrayList<>();
    PendingBuildDispatcher dispatcher =
        new PendingBuildDispatcher(
            builds,
            build -> {
              if (build.id().equals(broken.id())) {
                throw new IllegalStateException("no worker thread could be started");
              }
              launched.add(build.id());
              return CompletableFuture.completedFuture(BuildStatus.pending());
            },
            "server-1",
            1);

    List<CompletionStage<BuildStatus>> first = dispatcher.dispatchPending();

    assertThat(first).hasSize(1);
    assertThat(launched).containsExactly(fine.id());
    assertThat(dispatcher.dispatchPending()).isEmpty(); // nothing pending left; no slot lost
  }

  @Test
  void stoppingEndsEachBuildWithItsOwnMessage() throws Exception {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC());
    Build a = builds.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    Build b = builds.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    PendingBuildDispatcher dispatcher =
        new PendingBuildDispatcher(builds, build -> new CompletableFuture<>(), "server-1", 2);

    assertThat(dispatcher.dispatch()).containsOnlyKeys(a.id(), b.id());
    dispatcher.stopAll(id -> "rerun " + id, Clock.systemUTC(), Duration.ZERO);

    assertThat(builds.find(a.id()).orElseThrow().status().message()).isEqualTo("rerun " + a.id());
    assertThat(builds.find(b.id()).orElseThrow().status().message()).isEqualTo("rerun " + b.id());
  }
}
