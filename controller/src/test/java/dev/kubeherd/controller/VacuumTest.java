package dev.kubeherd.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VacuumTest {
  @TempDir Path home;

  @Test
  void deletesOldFinishedBuildsButNeverPendingOrRunningOnes() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), clock);
    Build done = finished(builds, builds.create(request()));
    Build running = builds.create(request());
    builds.claim(running.id(), running.workerName());
    Build pending = builds.create(request());
    clock.now = clock.now.plus(Duration.ofDays(60));
    Build recent = finished(builds, builds.create(request()));

    List<String> deleted =
        new Vacuum(builds, new VacuumPolicy(Duration.ofDays(30), 1), clock).runOnce();

    assertThat(deleted).containsExactly(done.id());
    assertThat(builds.list(Optional.empty()))
        .extracting(Build::id)
        .containsExactlyInAnyOrder(running.id(), pending.id(), recent.id());
  }

  @Test
  void keepsAFinishedBuildTheHoldRefusesUntilItAccepts() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), clock);
    Build archived = finished(builds, builds.create(request()));
    Build notArchivedYet = finished(builds, builds.create(request()));
    clock.now = clock.now.plus(Duration.ofDays(60));
    Set<String> inArchive = new HashSet<>(Set.of(archived.id()));
    Vacuum vacuum = new Vacuum(builds, new VacuumPolicy(Duration.ofDays(30), 0), clock);
    vacuum.deleteOnly(b -> inArchive.contains(b.id()));

    assertThat(vacuum.runOnce()).containsExactly(archived.id());
    assertThat(builds.find(notArchivedYet.id())).isPresent();

    inArchive.add(notArchivedYet.id());
    assertThat(vacuum.runOnce()).containsExactly(notArchivedYet.id());
  }

  @Test
  void tellsTheHoldWhichBuildsItDeletedSoItCanForgetThem() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), clock);
    Build archived = finished(builds, builds.create(request()));
    Build failing = finished(builds, builds.create(request()));
    clock.now = clock.now.plus(Duration.ofDays(60));
    List<String> told = new ArrayList<>();
    Vacuum vacuum = new Vacuum(builds, new VacuumPolicy(Duration.ofDays(30), 0), clock);
    vacuum.hold(
        new Vacuum.Hold() {
          @Override
          public boolean keeps(Build b) {
            return b.id().equals(failing.id());
          }

          @Override
          public boolean failing(Build b) {
            return b.id().equals(failing.id());
          }

          @Override
          public void deleted(String buildId) {
            told.add(buildId);
          }
        });

    assertThat(vacuum.runOnce()).containsExactly(archived.id());

    assertThat(told).containsExactly(archived.id());
    assertThat(builds.find(failing.id())).isPresent();
  }

  @Test
  void refusesToStartWithoutAnInterval() {
    DirectoryBuildStore builds = new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
    Vacuum vacuum = new Vacuum(builds, new VacuumPolicy(Duration.ofDays(1), 0), Clock.systemUTC());

    assertThatThrownBy(() -> vacuum.start(Duration.ZERO))
        .hasMessageContaining("interval must be greater than zero");
  }

  private static BuildRequest request() {
    return BuildRequest.of("brigade-p", "exec", "test");
  }

  private static Build finished(DirectoryBuildStore builds, Build b) {
    builds.claim(b.id(), b.workerName());
    Build claimed = builds.find(b.id()).orElseThrow();
    builds.updateStatus(b.id(), claimed.status().finished(true, 0, claimed.createdAt(), ""));
    return builds.find(b.id()).orElseThrow();
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
