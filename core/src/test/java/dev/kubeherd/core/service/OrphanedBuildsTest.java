package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedBuildsTest {
  private static final long MY_PID = ProcessHandle.current().pid();
  private static final long MY_TICKS =
      ProcessStartTicks.ofThisProcess().orElseThrow(); // this project is built on Linux
  private static final long MY_PIDNS = PidNamespace.ofThisProcess().orElseThrow();

  @TempDir Path tmp;

  @Test
  void aBuildClaimedByAProcessThatIsGoneIsFailedSayingHowToRerunIt() throws Exception {
    DirectoryBuildStore store = store(Clock.systemUTC());
    long deadPid = pidOfAnEndedProcess();
    Build orphan = claimed(store, "kubeherd-serve-" + deadPid);
    Build ofBrig = claimed(store, "brig-" + deadPid);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).containsExactlyInAnyOrder(orphan.id(), ofBrig.id());
    BuildStatus status = store.find(orphan.id()).orElseThrow().status();
    assertThat(status.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.message())
        .isEqualTo(
            "claimed by kubeherd-serve-"
                + deadPid
                + ", which stopped without finishing it (its process is gone); run it again with"
                + " brig rerun "
                + orphan.id());
    assertThat(store.find(ofBrig.id()).orElseThrow().status().message())
        .endsWith("brig rerun " + ofBrig.id());
  }

  @Test
  void aBuildClaimedByALiveProcessOrANonLocalWorkerIsLeftRunning() {
    DirectoryBuildStore store = store(Clock.systemUTC());
    Build mine = claimed(store, "brig-" + MY_PID);
    Build server = claimed(store, "kubeherd-serve-" + MY_PID);
    Build controller = claimed(store, "controller-1");

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).isEmpty();
    for (Build b : new Build[] {mine, server, controller}) {
      assertThat(store.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);
    }
  }

  @Test
  void aBuildClaimedUnderALivePidWithOtherStartTicksIsFailedAsItsPidWasReused() {
    DirectoryBuildStore store = store(Clock.systemUTC());
    // claimed by an earlier process with this test JVM's pid: it started at other ticks
    Build ofBrig = claimed(store, "brig-" + MY_PID + "-" + (MY_TICKS + 1) + "-" + MY_PIDNS);
    Build server =
        claimed(store, "kubeherd-serve-" + MY_PID + "-" + (MY_TICKS - 1) + "-" + MY_PIDNS);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).containsExactlyInAnyOrder(ofBrig.id(), server.id());
    assertThat(store.find(ofBrig.id()).orElseThrow().status().message())
        .startsWith(
            "claimed by brig-" + MY_PID + "-" + (MY_TICKS + 1) + "-" + MY_PIDNS + ", which stopped")
        .endsWith("brig rerun " + ofBrig.id());
  }

  @Test
  void aBuildClaimedInThisPidNamespaceUnderAPidWhoseProcessIsGoneIsFailed() throws Exception {
    DirectoryBuildStore store = store(Clock.systemUTC());
    Build orphan =
        claimed(store, "kubeherd-serve-" + pidOfAnEndedProcess() + "-" + MY_TICKS + "-" + MY_PIDNS);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).containsExactly(orphan.id());
    assertThat(store.find(orphan.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.FAILED);
  }

  @Test
  void aBuildClaimedUnderThisProcesssPidAndStartTicksIsLeftRunning() {
    DirectoryBuildStore store = store(Clock.systemUTC());
    Build mine = claimed(store, "brig-" + MY_PID + "-" + MY_TICKS + "-" + MY_PIDNS);
    Build server = claimed(store, "kubeherd-serve-" + MY_PID + "-" + MY_TICKS + "-" + MY_PIDNS);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).isEmpty();
    for (Build b : new Build[] {mine, server}) {
      assertThat(store.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);
    }
  }

  @Test
  void thisProcessClaimsUnderItsPidStartTicksAndPidNamespace() {
    assertThat(OrphanedBuilds.localClaimant("brig"))
        .isEqualTo("brig-" + MY_PID + "-" + MY_TICKS + "-" + MY_PIDNS);
    assertThat(OrphanedBuilds.localClaimant("kubeherd-serve"))
        .isEqualTo("kubeherd-serve-" + MY_PID + "-" + MY_TICKS + "-" + MY_PIDNS);
  }

  @Test
  void aBuildClaimedInAnotherPidNamespaceIsNeverFailedEvenWhenItsPidIsDeadOrReusedHere()
      throws Exception {
    DirectoryBuildStore store = store(Clock.systemUTC());
    long otherNamespace = MY_PIDNS + 1;
    // a brig run --local in a container sharing KUBEHERD_HOME: pid 1 there, alive here with
    // other ticks; or a pid no process has here
    Build asPidOne = claimed(store, "brig-1-" + (MY_TICKS + 7) + "-" + otherNamespace);
    Build deadHere =
        claimed(store, "brig-" + pidOfAnEndedProcess() + "-" + MY_TICKS + "-" + otherNamespace);
    Build reusedHere =
        claimed(store, "kubeherd-serve-" + MY_PID + "-" + (MY_TICKS - 1) + "-" + otherNamespace);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).isEmpty();
    for (Build b : new Build[] {asPidOne, deadHere, reusedHere}) {
      assertThat(store.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.RUNNING);
    }
  }

  @Test
  void aNameWithTicksButNoPidNamespaceIsNotJudged() throws Exception {
    DirectoryBuildStore store = store(Clock.systemUTC());
    Build unreleasedFormat = claimed(store, "brig-" + pidOfAnEndedProcess() + "-" + MY_TICKS);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).isEmpty();
    assertThat(store.find(unreleasedFormat.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.RUNNING);
  }

  @Test
  void aLivePidWhoseStartTimeIsAfterTheClaimIsLeftRunningAsAfterTheClockWasSteppedBack() {
    // claimed "in 2024": the live process with this pid, the test JVM, seems to start long after,
    // as every new process does once the wall clock is stepped back
    DirectoryBuildStore store =
        store(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
    Build claimedEarlier = claimed(store, "brig-" + MY_PID);

    var ended = new OrphanedBuilds(store, Clock.systemUTC()).failThoseOfDeadClaimants();

    assertThat(ended).isEmpty();
    assertThat(store.find(claimedEarlier.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.RUNNING);
  }

  private DirectoryBuildStore store(Clock clock) {
    return new DirectoryBuildStore(new LocalHome(tmp), clock);
  }

  private static Build claimed(DirectoryBuildStore store, String worker) {
    Build build = store.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    assertThat(store.claim(build.id(), worker)).isTrue();
    return build;
  }

  private static long pidOfAnEndedProcess() throws Exception {
    Process process = new ProcessBuilder("true").start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return process.pid();
  }
}
