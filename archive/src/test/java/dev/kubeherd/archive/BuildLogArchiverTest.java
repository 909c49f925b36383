package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.service.BuildCancel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** When and what {@link BuildLogArchiver} uploads, against WireMock playing S3 (path-style). */
class BuildLogArchiverTest {
  @RegisterExtension
  static WireMockExtension s3 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BUCKET = "/logs-bucket";
  static final String PROJECT = "brigade-p";
  static final String WORKER_TEXT = "==> started\nworker ü\n";
  static final String JOB_TEXT = "job output\n";

  /** The worker's cancel poll, well inside the test's 3 s settle delay. */
  static final Duration WORKER_NOTICES_CANCEL_AFTER = Duration.ofSeconds(1);

  @TempDir Path dir;
  DirectoryBuildStore builds;
  DirectoryLogStore logs;
  S3LogArchive archive;

  @BeforeEach
  void setUp() {
    LocalHome home = new LocalHome(dir);
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    logs = new DirectoryLogStore(home);
    archive = WireMockS3.archive(s3.baseUrl());
  }

  @AfterEach
  void close() {
    archive.close();
  }

  @Test
  void aJobLogWhoseUploadFailedIsUploadedWhenTheBuildIsArchivedAgain() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    stubJobUploadRefusedOnceAfterTheWorkerLog(build);

    try (BuildLogArchiver archiver = archiver(Duration.ZERO, Duration.ofMinutes(1))) {
      assertThatThrownBy(() -> archiver.archive(build))
          .isInstanceOf(LogArchiveException.class)
          .hasMessageContaining("upload kubeherd-logs/" + PROJECT + "/" + build.id() + "/job-");
      assertThat(archiver.archive(build)).isEqualTo(1);
    }

    s3.verify(1, putRequestedFor(urlPathEqualTo(key(build, LogStore.WORKER))));
    s3.verify(
        putRequestedFor(urlPathEqualTo(key(build, jobOf(build))))
            .withRequestBody(equalTo(JOB_TEXT)));
    s3.verify(2, putRequestedFor(urlPathEqualTo(key(build, jobOf(build)))));
  }

  @Test
  void aFailedUploadIsRetriedOnItsOwnThoughTheFeedNeverShowsTheBuildAgain() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    stubJobUploadRefusedOnceAfterTheWorkerLog(build);

    try (BuildLogArchiver archiver = archiver(Duration.ZERO, Duration.ofMillis(200))) {
      archiver.build(build);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> puts(build, jobOf(build)).size() == 2 && archiver.isArchived(build.id()));
    }

    assertThat(puts(build, LogStore.WORKER)).hasSize(1);
    assertThat(puts(build, jobOf(build)).get(1).getBodyAsString()).isEqualTo(JOB_TEXT);
  }

  @Test
  void aCancelledBuildIsArchivedOnlyOnceItsWorkerWroteItsLastLines() throws InterruptedException {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    builds.claim(build.id(), "worker-1");
    s3.stubFor(get(urlPathEqualTo(BUCKET)).willReturn(listing(List.of())));
    s3.stubFor(put(urlPathEqualTo(key(build, LogStore.WORKER))).willReturn(ok()));
    archive.sources(PROJECT, build.id()); // the client's first call takes seconds: not in the test
    s3.resetRequests();

    try (BuildLogArchiver archiver = archiver(Duration.ofSeconds(3), Duration.ofMinutes(1))) {
      try (LogSink worker = logs.open(build.id(), LogStore.WORKER)) {
        worker.write("tick 1\n");
        new BuildCancel(builds, Clock.systemUTC()).cancel(build.id(), "dashboard", "cancelled");
        archiver.build(builds.find(build.id()).orElseThrow()); // the feed sees it Failed at once
        assertThat(archiver.isArchived(build.id())).isFalse(); // so the vacuum keeps it
        Thread.sleep(WORKER_NOTICES_CANCEL_AFTER.toMillis());
        worker.write("[brigade:k8s] default/job cancelled\nlast lines\n");
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !puts(build, LogStore.WORKER).isEmpty() && archiver.isArchived(build.id()));
    }

    assertThat(puts(build, LogStore.WORKER))
        .singleElement()
        .extracting(LoggedRequest::getBodyAsString)
        .isEqualTo("tick 1\n[brigade:k8s] default/job cancelled\nlast lines\n");
  }

  @Test
  void aProcessClosedWithinTheSettleDelayWaitsForItAndArchivesTheLinesWrittenMeanwhile()
      throws Exception {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    builds.claim(build.id(), "worker-1");
    s3.stubFor(get(urlPathEqualTo(BUCKET)).willReturn(listing(List.of())));
    s3.stubFor(put(urlPathEqualTo(key(build, LogStore.WORKER))).willReturn(ok()));
    LogSink worker = logs.open(build.id(), LogStore.WORKER);
    worker.write("tick 1\n");
    new BuildCancel(builds, Clock.systemUTC()).cancel(build.id(), "dashboard", "cancelled");
    // the process is stopped (rolling update) right after the cancel, while the worker still writes
    Thread lateWriter =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    Thread.sleep(WORKER_NOTICES_CANCEL_AFTER.toMillis() / 2);
                    worker.write("last lines\n");
                    worker.close();
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    BuildLogArchiver stopped = archiver(Duration.ofSeconds(2), Duration.ofMinutes(1));
    stopped.build(builds.find(build.id()).orElseThrow());

    stopped.close();
    lateWriter.join();

    assertThat(puts(build, LogStore.WORKER))
        .singleElement()
        .extracting(LoggedRequest::getBodyAsString)
        .isEqualTo("tick 1\nlast lines\n");
  }

  /**
   * The bucket lists the build's worker log at {@code workerSize} bytes and its job's log whole.
   */
  private void stubArchivedCopies(Build build, long workerSize) {
    String prefix = "kubeherd-logs/" + PROJECT + "/" + build.id() + "/";
    s3.stubFor(
        get(urlPathEqualTo(BUCKET))
            .willReturn(
                listing(
                    List.of(
                        object(prefix + "worker.log", workerSize),
                        object(prefix + jobOf(build) + ".log", JOB_TEXT.length())))));
  }

  @Test
  void aCopyOfAnotherSizeIsReplacedWhileTheBuildIsWithinItsSettleDelayAndAnUnchangedOneIsNot() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    stubArchivedCopies(build, WORKER_TEXT.length() - 3);
    s3.stubFor(put(urlPathEqualTo(key(build, LogStore.WORKER))).willReturn(ok()));

    int uploaded;
    try (BuildLogArchiver archiver = archiver(Duration.ofHours(1), Duration.ofMinutes(1))) {
      uploaded = archiver.archive(build);
    }

    assertThat(uploaded).isEqualTo(1);
    assertThat(puts(build, LogStore.WORKER))
        .singleElement()
        .extracting(LoggedRequest::getBodyAsString)
        .isEqualTo(WORKER_TEXT);
    assertThat(puts(build, jobOf(build))).isEmpty();
  }

  @Test
  void aBuildTheArchiveKeepsRefusingIsHeldUntilTheMaxHoldThenReleasedToTheVacuum() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    s3.stubFor(get(urlPathEqualTo(BUCKET)).willReturn(refused()));
    Duration maxHold = Duration.ofSeconds(3);

    try (BuildLogArchiver archiver =
        archiver(logs, Duration.ZERO, maxHold, Duration.ofMillis(200))) {
      archiver.build(build);
      await().atMost(Duration.ofSeconds(10)).until(() -> archiver.isFailing(build.id()));
      assertThat(archiver.isArchived(build.id())).isFalse(); // held: the vacuum keeps it

      await()
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> archiver.isArchived(build.id()));
      assertThat(Duration.between(build.status().finishedAt().orElseThrow(), Instant.now()))
          .isGreaterThanOrEqualTo(maxHold);
      assertThat(archiver.isFailing(build.id())).isFalse(); // released, no longer counted as held
    }
  }

  @Test
  void aWaitingBuildIsReReadOnRetryAndDroppedOnceGoneFromTheStore() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    s3.stubFor(get(urlPathEqualTo(BUCKET)).willReturn(refused()));

    try (BuildLogArchiver archiver =
        archiver(logs, Duration.ZERO, Duration.ofDays(1), Duration.ofMillis(200))) {
      archiver.build(build);
      await().atMost(Duration.ofSeconds(10)).until(() -> archiver.isFailing(build.id()));
      builds.delete(build.id());

      await().atMost(Duration.ofSeconds(10)).until(() -> archiver.waitingCount() == 0);
      assertThat(archiver.isFailing(build.id())).isFalse();
    }
  }

  @Test
  void aBuildTheVacuumDeletedIsNoLongerRememberedAsArchived() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    s3.stubFor(get(urlPathEqualTo(BUCKET)).willReturn(listing(List.of())));
    s3.stubFor(put(urlPathEqualTo(key(build, LogStore.WORKER))).willReturn(ok()));
    s3.stubFor(put(urlPathEqualTo(key(build, jobOf(build)))).willReturn(ok()));

    try (BuildLogArchiver archiver = archiver(Duration.ZERO, Duration.ofMinutes(1))) {
      archiver.build(build);
      await().atMost(Duration.ofSeconds(10)).until(() -> archiver.isArchived(build.id()));
      assertThat(archiver.archivedCount()).isEqualTo(1);

      archiver.forget(build.id());

      assertThat(archiver.archivedCount()).isZero();
    }
  }

  @Test
  void aRestartOverAnAlreadyArchivedBuildReadsNoLogTextAndUploadsNothing() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    stubArchivedCopies(build, WORKER_TEXT.getBytes(StandardCharsets.UTF_8).length);
    CountingReads counted = new CountingReads(logs);

    try (BuildLogArchiver archiver =
        archiver(counted, Duration.ZERO, Duration.ofDays(1), Duration.ofMinutes(1))) {
      archiver.build(build);
      await().atMost(Duration.ofSeconds(10)).until(() -> archiver.isArchived(build.id()));
    }

    assertThat(counted.reads).hasValue(0);
    s3.verify(0, putRequestedFor(urlPathEqualTo(key(build, LogStore.WORKER))));
    s3.verify(0, putRequestedFor(urlPathEqualTo(key(build, jobOf(build)))));
  }

  @Test
  void aRestartUploadsALocalLogThatGrewAfterItWasArchived() {
    Build build = finishedBuildWithWorkerAndJobLogs();
    stubArchivedCopies(build, WORKER_TEXT.getBytes(StandardCharsets.UTF_8).length);
    s3.stubFor(put(urlPathEqualTo(key(build, LogStore.WORKER))).willReturn(ok()));
    try (LogSink late = logs.open(build.id(), LogStore.WORKER)) {
      late.write("a line written after the upload\n");
    }

    try (BuildLogArchiver restarted = archiver(Duration.ZERO, Duration.ofMinutes(1))) {
      restarted.build(build);
      await().atMost(Duration.ofSeconds(10)).until(() -> restarted.isArchived(build.id()));
    }

    assertThat(puts(build, LogStore.WORKER))
        .singleElement()
        .extracting(LoggedRequest::getBodyAsString)
        .isEqualTo(WORKER_TEXT + "a line written after the upload\n");
    assertThat(puts(build, jobOf(build))).isEmpty();
  }

  /** The real directory store, counting how often a log's text is read. */
  private record CountingReads(LogStore store, AtomicInteger reads) implements LogStore {
    CountingReads(LogStore store) {
      this(store, new AtomicInteger());
    }

    @Override
    public LogSink open(String buildId, String source) {
      return store.open(buildId, source);
    }

    @Override
    public String read(String buildId, String source) {
      reads.incrementAndGet();
      return store.read(buildId, source);
    }

    @Override
    public List<String> sources(String buildId) {
      return store.sources(buildId);
    }

    @Override
    public OptionalLong storedBytes(String buildId, String source) {
      return store.storedBytes(buildId, source);
    }
  }

  private static ResponseDefinitionBuilder refused() {
    return aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code></Error>");
  }

  private BuildLogArchiver archiver(Duration settle, Duration retryEvery) {
    return archiver(logs, settle, Duration.ofDays(1), retryEvery);
  }

  private BuildLogArchiver archiver(
      LogStore store, Duration settle, Duration maxHold, Duration retryEvery) {
    return new BuildLogArchiver(
        store, archive, builds::find, settle, maxHold, retryEvery, Clock.systemUTC());
  }

  /**
   * S3 lists nothing, takes the worker log, refuses the job's log once (403: the SDK does not retry
   * it), then lists the worker log at its size and takes the job's log.
   */
  private void stubJobUploadRefusedOnceAfterTheWorkerLog(Build build) {
    String prefix = "kubeherd-logs/" + PROJECT + "/" + build.id() + "/";
    s3.stubFor(
        get(urlPathEqualTo(BUCKET))
            .inScenario("outage")
            .whenScenarioStateIs(STARTED)
            .willReturn(listing(List.of())));
    s3.stubFor(
        get(urlPathEqualTo(BUCKET))
            .inScenario("outage")
            .whenScenarioStateIs("refused")
            .willReturn(
                listing(
                    List.of(
                        object(
                            prefix + "worker.log",
                            WORKER_TEXT.getBytes(StandardCharsets.UTF_8).length)))));
    s3.stubFor(put(urlPathEqualTo(key(build, LogStore.WORKER))).willReturn(ok()));
    s3.stubFor(
        put(urlPathEqualTo(key(build, jobOf(build))))
            .inScenario("outage")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code></Error>"))
            .willSetStateTo("refused"));
    s3.stubFor(
        put(urlPathEqualTo(key(build, jobOf(build))))
            .inScenario("outage")
            .whenScenarioStateIs("refused")
            .willReturn(ok()));
  }

  private Build finishedBuildWithWorkerAndJobLogs() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    try (LogSink w = logs.open(build.id(), LogStore.WORKER)) {
      w.write(WORKER_TEXT);
    }
    try (LogSink j = logs.open(build.id(), jobOf(build))) {
      j.write(JOB_TEXT);
    }
    builds.claim(build.id(), "test");
    builds.updateStatus(build.id(), build.status().finished(true, 0, Instant.now(), "ok"));
    return builds.find(build.id()).orElseThrow();
  }

  private static String jobOf(Build build) {
    return "job-" + build.id();
  }

  private static String key(Build build, String source) {
    return BUCKET + "/kubeherd-logs/" + PROJECT + "/" + build.id() + "/" + source + ".log";
  }

  private static List<LoggedRequest> puts(Build build, String source) {
    return s3.findAll(putRequestedFor(urlPathEqualTo(key(build, source))));
  }

  private static ResponseDefinitionBuilder ok() {
    return aResponse().withStatus(200);
  }

  private static ResponseDefinitionBuilder listing(List<String> objects) {
    return aResponse()
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>logs-bucket</Name><IsTruncated>false</IsTruncated>"
                + String.join("", objects)
                + "</ListBucketResult>");
  }

  private static String object(String key, long size) {
    return "<Contents><Key>"
        + key
        + "</Key><LastModified>2026-01-01T00:00:00Z</LastModified><Size>"
        + size
        + "</Size></Contents>";
  }
}
