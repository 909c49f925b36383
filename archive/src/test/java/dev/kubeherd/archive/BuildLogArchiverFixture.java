package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the {@link BuildLogArchiver} tests share: WireMock playing S3 (path-style), a local build
 * and log store, and the stubs and builds the tests start from.
 */
abstract class BuildLogArchiverFixture {
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

  /**
   * The bucket lists the build's worker log at {@code workerSize} bytes and its job's log whole.
   */
  void stubArchivedCopies(Build build, long workerSize) {
    String prefix = "kubeherd-logs/" + PROJECT + "/" + build.id() + "/";
    s3.stubFor(
        get(urlPathEqualTo(BUCKET))
            .willReturn(
                listing(
                    List.of(
                        object(prefix + "worker.log", workerSize),
                        object(prefix + jobOf(build) + ".log", JOB_TEXT.length())))));
  }

  /** The real directory store, counting how often a log's text is read. */
  record CountingReads(LogStore store, AtomicInteger reads) implements LogStore {
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

  static ResponseDefinitionBuilder refused() {
    return aResponse().withStatus(403).withBody("<Error><Code>AccessDenied</Code></Error>");
  }

  BuildLogArchiver archiver(Duration settle, Duration retryEvery) {
    return archiver(logs, settle, Duration.ofDays(1), retryEvery);
  }

  BuildLogArchiver archiver(
      LogStore store, Duration settle, Duration maxHold, Duration retryEvery) {
    return new BuildLogArchiver(
        store, archive, builds::find, settle, maxHold, retryEvery, Clock.systemUTC());
  }

  /**
   * S3 lists nothing, takes the worker log, refuses the job's log once (403: the SDK does not retry
   * it), then lists the worker log at its size and takes the job's log.
   */
  void stubJobUploadRefusedOnceAfterTheWorkerLog(Build build) {
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

  Build finishedBuildWithWorkerAndJobLogs() {
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

  static String jobOf(Build build) {
    return "job-" + build.id();
  }

  static String key(Build build, String source) {
    return BUCKET + "/kubeherd-logs/" + PROJECT + "/" + build.id() + "/" + source + ".log";
  }

  static List<LoggedRequest> puts(Build build, String source) {
    return s3.findAll(putRequestedFor(urlPathEqualTo(key(build, source))));
  }

  static ResponseDefinitionBuilder ok() {
    return aResponse().withStatus(200);
  }

  static ResponseDefinitionBuilder listing(List<String> objects) {
    return aResponse()
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>logs-bucket</Name><IsTruncated>false</IsTruncated>"
                + String.join("", objects)
                + "</ListBucketResult>");
  }

  static String object(String key, long size) {
    return "<Contents><Key>"
        + key
        + "</Key><LastModified>2026-01-01T00:00:00Z</LastModified><Size>"
        + size
        + "</Size></Contents>";
  }
}
