package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Periodic resync: due after the interval since the last sync build, at the last deployed ref. */
class ResyncSchedulerTest {
  @TempDir Path tmp;
  HandClock clock = new HandClock(Instant.parse("2026-11-26T00:00:00Z"));
  DirectoryProjectStore projects;
  DirectoryBuildStore builds;
  ResyncScheduler scheduler;
  String app = ProjectIds.fromName("your-org/your-app1-repo");

  @BeforeEach
  void stores() {
    LocalHome home = new LocalHome(tmp);
    projects = new DirectoryProjectStore(home);
    builds = new DirectoryBuildStore(home, clock);
    scheduler = new ResyncScheduler(projects, builds, clock);
    projects.create(
        new Project(app, "your-org/your-app1-repo", "", Map.of("kubeherd.resyncInterval", "6h")));
    projects.create(
        new Project(ProjectIds.fromName("your-org/other"), "your-org/other", "", Map.of()));
  }

  private Build finished(String type, Revision revision, boolean succeeded) {
    Build b = builds.create(BuildRequest.of(app, type, "github").withRevision(revision));
    builds.claim(b.id(), "test");
    builds.updateStatus(
        b.id(),
        b.status().running("test", clock.instant()).finished(succeeded, 0, clock.instant(), ""));
    return b;
  }

  @Test
  void firesOnlyAfterTheIntervalSinceTheLastSyncAtTheLastSuccessfulDeployment() {
    finished("deployment", new Revision("aaa111", "refs/heads/main"), true);
    clock.advance(Duration.ofHours(1));
    finished("deployment", new Revision("bbb222", "refs/heads/main"), false);

    clock.advance(Duration.ofHours(6).minusSeconds(1));
    assertThat(scheduler.runOnce()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    List<Build> fired = scheduler.runOnce();

    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).request().type()).isEqualTo("resync");
    assertThat(fired.get(0).request().provider()).isEqualTo("kubeherd");
    assertThat(fired.get(0).projectId()).isEqualTo(app);
    assertThat(fired.get(0).request().revision())
        .isEqualTo(new Revision("aaa111", "refs/heads/main"));
  }

  @Test
  void aPendingResyncIsNotFiredAgainAndTheNextComesAnIntervalLater() {
    assertThat(scheduler.runOnce()).hasSize(1);
    clock.advance(Duration.ofHours(7));
    assertThat(scheduler.runOnce()).as("the first is still pending").isEmpty();

    Build first = builds.list(java.util.Optional.of(app)).get(0);
    builds.claim(first.id(), "test");
    builds.updateStatus(
        first.id(),
        first.status().running("t", clock.instant()).finished(true, 0, clock.instant(), ""));
    assertThat(scheduler.runOnce()).hasSize(1);
    assertThat(scheduler.runOnce()).isEmpty();
  }

  @Test
  void withoutDeploymentsTheDefaultBranchIsSynced() {
    List<Build> fired = scheduler.runOnce();

    assertThat(fired).hasSize(1);
    assertThat(fired.get(0).request().revision()).isEqualTo(new Revision("", ""));
  }

  @Test
  void intervalsParseShortAndIsoFormsAndRefuseLessThanAMinute() {
    assertThat(ResyncInterval.parse("30m", "p")).isEqualTo(Duration.ofMinutes(30));
    assertThat(ResyncInterval.parse("1d", "p")).isEqualTo(Duration.ofDays(1));
    assertThat(ResyncInterval.parse("PT6H", "p")).isEqualTo(Duration.ofHours(6));
    assertThatThrownBy(() -> ResyncInterval.parse("10s", "your-org/app"))
        .hasMessage(
            "project your-org/app: kubeherd.resyncInterval '10s' is not a duration of at least 1m"
                + " (use e.g. 30m, 6h, 1d or PT6H)");
  }

  /** A clock the test moves. */
  static final class HandClock extends Clock {
    private Instant now;

    HandClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
