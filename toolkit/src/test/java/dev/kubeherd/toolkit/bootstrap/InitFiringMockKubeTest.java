package dev.kubeherd.toolkit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import dev.kubeherd.toolkit.pipeline.KubeApiException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link InitFiring} on the mock API server: a failed fire gives its claim up, a claim without a
 * build is waited for, and is given up as abandoned once older than the claim timeout.
 */
@EnableMockKube
class InitFiringMockKubeTest {
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);
  static KubernetesClient client;
  static KubernetesMockServer server;

  final HandClock clock = new HandClock(Instant.parse("2026-03-01T12:00:00Z"));
  final StringWriter progress = new StringWriter();
  final ExecutorService thread = Executors.newSingleThreadExecutor();
  String ns;
  Project project;
  InitMarker marker;
  EventFiring events;

  @BeforeEach
  void setUp() {
    ns = "cluster-system-boot-" + NAMESPACES.incrementAndGet();
    project = new Project("brigade-0123456789", "acme/cluster-repo", ns, Map.of());
    marker = new InitMarker(client, clock);
    events = new EventFiring(client, clock);
  }

  @AfterEach
  void tearDown() {
    thread.shutdownNow();
  }

  InitFiring firing() {
    return new InitFiring(
        events,
        marker,
        () -> TimeUnit.MILLISECONDS.toNanos(clock.millis()),
        CLAIM_TIMEOUT,
        Duration.ofMillis(20),
        new PrintWriter(progress));
  }

  @Test
  void aFailedFireGivesTheClaimUpAndTheNextFireSucceeds() throws Exception {
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + ns + "/secrets")
        .andReturn(403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"no secrets\"}")
        .once();

    assertThatThrownBy(() -> firing().fire(project))
        .isInstanceOfSatisfying(
            KubeApiException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ToolkitExitCodes.REMOTE_FAILED))
        .hasMessageContaining("firing init on project acme/cluster-repo")
        .hasMessageContaining("HTTP 403: no secrets");
    assertThat(client.configMaps().inNamespace(ns).withName(InitMarker.NAME).get().getData())
        .containsKey("released");

    Bootstrap.Outcome next = firing().fire(project);

    assertThat(next.fired()).isTrue();
    assertThat(client.configMaps().inNamespace(ns).withName(InitMarker.NAME).get().getData())
        .containsEntry("build", next.build().id());
  }

  @Test
  void aFreshClaimWithoutABuildIsWaitedForUntilItsHolderRecordsOne() throws Exception {
    InitMarker.Claim claim = marker.claim(ns); // another bootstrap, now firing
    assertThat(claim.ours()).isTrue();
    Future<Bootstrap.Outcome> outcome = thread.submit(() -> firing().fire(project));
    awaitProgress("is firing init; waiting for its build (up to 600s from now");

    Build theirs = events.fire(project, "init", "", "", "");
    marker.record(ns, claim.holder(), theirs.id());

    Bootstrap.Outcome o = outcome.get(10, TimeUnit.SECONDS);
    assertThat(o.fired()).isFalse();
    assertThat(o.build().id()).isEqualTo(theirs.id());
    assertThat(events.builds(ns).list(Optional.empty())).hasSize(1);
  }

  @Test
  void aClaimWithoutABuildIsAbandonedOnceOlderThanTheTimeoutAndInitIsFiredAgain() throws Exception {
    assertThat(marker.claim(ns).ours()).isTrue(); // a bootstrap that then died
    Future<Bootstrap.Outcome> outcome = thread.submit(() -> firing().fire(project));
    awaitProgress("waiting for its build");

    clock.advance(CLAIM_TIMEOUT);

    Bootstrap.Outcome o = outcome.get(10, TimeUnit.SECONDS);
    assertThat(o.fired()).isTrue();
    assertThat(progress.toString())
        .contains(
            "ConfigMap "
                + ns
                + "/kubeherd-bootstrap-init was claimed at 2026-03-01T12:00:00Z but has recorded no"
                + " init build in the 600s this bootstrap waited: its bootstrap died while firing;"
                + " firing init again");
    assertThat(client.configMaps().inNamespace(ns).withName(InitMarker.NAME).get().getData())
        .containsEntry("build", o.build().id())
        .containsEntry("claimedAt", "2026-03-01T12:10:00Z");
  }

  @Test
  void aClaimMadeByAClockFarBehindIsWaitedForTheTimeoutFromWhenItIsFirstSeen() throws Exception {
    // the claimer's clock is an hour behind: its claimedAt already looks older than the timeout
    InitMarker.Claim claim = new InitMarker(client, clock.offset(Duration.ofHours(-1))).claim(ns);
    Future<Bootstrap.Outcome> outcome = thread.submit(() -> firing().fire(project));
    awaitProgress("waiting for its build");

    clock.advance(CLAIM_TIMEOUT.minusSeconds(1));
    Build theirs = events.fire(project, "init", "", "", "");
    marker.record(ns, claim.holder(), theirs.id());

    Bootstrap.Outcome o = outcome.get(10, TimeUnit.SECONDS);
    assertThat(o.fired()).isFalse();
    assertThat(o.build().id()).isEqualTo(theirs.id());
    assertThat(events.builds(ns).list(Optional.empty())).hasSize(1);
  }

  @Test
  void aStaleReleaseOrRecordLeavesAFresherClaimAlone() {
    InitMarker.Claim first = marker.claim(ns);
    assertThat(marker.release(ns, first.holder())).isTrue(); // taken for dead by a waiter
    clock.advance(Duration.ofMinutes(1));
    InitMarker.Claim fresh = marker.claim(ns); // the next bootstrap takes the marker over
    assertThat(fresh.ours()).isTrue();

    // the first claim's holder, or a waiter that read it, acts on what it saw
    assertThat(marker.release(ns, first.holder())).isFalse();
    assertThatThrownBy(() -> marker.record(ns, first.holder(), "init-stale"))
        .isInstanceOfSatisfying(
            InitClaimLostException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ToolkitExitCodes.REMOTE_FAILED))
        .hasMessageContaining("changed since this bootstrap claimed it");

    assertThat(client.configMaps().inNamespace(ns).withName(InitMarker.NAME).get().getData())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("build", "", "claimedAt", "2026-03-01T12:01:00Z"));
    InitMarker.Claim other = marker.claim(ns);
    assertThat(other.ours()).isFalse();
    assertThat(other.holder()).isEqualTo(fresh.holder());
  }

  @Test
  void aRecordedBuildThatIsStillLiveIsNotFiredAgain() throws Exception {
    Bootstrap.Outcome first = firing().fire(project);
    Bootstrap.Outcome second = firing().fire(project);

    assertThat(first.fired()).isTrue();
    assertThat(second.fired()).isFalse();
    assertThat(second.build().id()).isEqualTo(first.build().id());
    assertThat(events.builds(ns).list(Optional.empty()))
        .extracting(b -> b.request().type())
        .containsExactly("init");
  }

  private void awaitProgress(String line) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!progress.toString().contains(line)) {
      assertThat(System.nanoTime()).as("progress line: " + line).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  /** A clock the test moves on. */
  static final class HandClock extends Clock {
    private volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    /** This clock, {@code by} off. */
    Clock offset(Duration by) {
      return Clock.offset(this, by);
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
