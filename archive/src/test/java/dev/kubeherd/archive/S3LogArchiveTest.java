package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The log archive against WireMock playing S3 (path-style), asserting the exact requests. */
class S3LogArchiveTest {
  @RegisterExtension
  static WireMockExtension s3 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String BUCKET = "/logs-bucket";
  static final String PROJECT = "brigade-p";

  @TempDir Path dir;
  DirectoryBuildStore builds;
  DirectoryLogStore logs;
  ArchiveSettings settings;
  S3LogArchive archive;

  @BeforeEach
  void setUp() {
    LocalHome home = new LocalHome(dir);
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    logs = new DirectoryLogStore(home);
    settings =
        WireMockS3.settings(
            s3.baseUrl(),
            Map.of("KUBEHERD_LOG_ARCHIVE_RETENTION_DAYS", "30", "AWS_REGION", "eu-west-1"));
    archive = S3LogArchive.open(settings);
  }

  @AfterEach
  void close() {
    archive.close();
  }

  @Test
  void aFinishedBuildsLogsAreUploadedOnceAsProjectBuildSourceObjects() {
    Build build = finishedBuildWithLogs();
    String dir = "/kubeherd-logs/" + PROJECT + "/" + build.id() + "/";
    s3.stubFor(get(urlPathEqualTo(BUCKET)).willReturn(listing(List.of())));
    s3.stubFor(
        put(urlPathEqualTo(BUCKET + dir + "worker.log")).willReturn(aResponse().withStatus(200)));
    s3.stubFor(
        put(urlPathEqualTo(BUCKET + dir + "say-" + build.id() + ".log"))
            .willReturn(aResponse().withStatus(200)));

    try (BuildLogArchiver archiver =
        new BuildLogArchiver(logs, archive, builds::find, settings, Clock.systemUTC())) {
      archiver.build(build);
      archiver.build(build);
    }

    assertThat(requests())
        .containsExactly(
            "GET "
                + BUCKET
                + "?list-type=2&prefix=kubeherd-logs%2F"
                + PROJECT
                + "%2F"
                + build.id()
                + "%2F",
            "PUT " + BUCKET + dir + "worker.log",
            "PUT " + BUCKET + dir + "say-" + build.id() + ".log");
    s3.verify(
        putRequestedFor(urlEqualTo(BUCKET + dir + "worker.log"))
            .withHeader("Content-Type", equalTo("text/plain; charset=UTF-8"))
            .withRequestBody(equalTo("==> started\ndone\n")));
    s3.verify(
        putRequestedFor(urlEqualTo(BUCKET + dir + "say-" + build.id() + ".log"))
            .withRequestBody(equalTo("hello ü\n")));
  }

  @Test
  void aBuildStillPendingOrRunningIsNotArchivedNorWanted() {
    Build running = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));

    try (BuildLogArchiver archiver =
        new BuildLogArchiver(logs, archive, builds::find, settings, Clock.systemUTC())) {
      archiver.build(running);
      assertThat(archiver.wantsPending()).isFalse(); // so a feed need not even read them
    }

    assertThat(requests()).isEmpty();
  }

  @Test
  void readersFallBackToTheArchiveOnceTheStoredCopyAndTheBuildAreGone() {
    String id = "01hgonegonegonegonegonegon";
    String dir = "/kubeherd-logs/" + PROJECT + "/" + id + "/";
    s3.stubFor(
        get(urlPathEqualTo(BUCKET))
            .withQueryParam("delimiter", equalTo("/"))
            .willReturn(
                listingPrefixes(
                    List.of("kubeherd-logs/other/", "kubeherd-logs/" + PROJECT + "/"))));
    s3.stubFor(
        get(urlEqualTo(BUCKET + "?list-type=2&prefix=kubeherd-logs%2Fother%2F" + id + "%2F"))
            .willReturn(listing(List.of())));
    s3.stubFor(
        get(urlEqualTo(
                BUCKET + "?list-type=2&prefix=kubeherd-logs%2F" + PROJECT + "%2F" + id + "%2F"))
            .willReturn(
                listing(
                    List.of(
                        object(dir.substring(1) + "a-job.log", "2026-01-01T00:00:00Z"),
                        object(dir.substring(1) + "worker.log", "2026-01-01T00:00:00Z")))));
    s3.stubFor(
        get(urlEqualTo(BUCKET + dir + "worker.log"))
            .willReturn(aResponse().withBody("archived worker\n")));
    LogStore store = new ArchivedLogStore(logs, archive, buildId -> Optional.empty());

    assertThat(store.sources(id)).containsExactly(LogStore.WORKER, "a-job");
    assertThat(store.read(id, LogStore.WORKER)).isEqualTo("archived worker\n");
  }

  @Test
  void aStoredLogIsReadWithoutAskingTheArchive() {
    Build build = finishedBuildWithLogs();
    LogStore store = new ArchivedLogStore(logs, archive, builds::find);

    assertThat(store.read(build.id(), LogStore.WORKER)).isEqualTo("==> started\ndone\n");
    assertThat(requests()).isEmpty();
  }

  @Test
  void retentionDeletesOnlyArchivedLogsOlderThanItsDays() {
    s3.stubFor(
        get(urlEqualTo(BUCKET + "?list-type=2&prefix=kubeherd-logs%2F"))
            .willReturn(
                listing(
                    List.of(
                        object("kubeherd-logs/p/01old/worker.log", "2026-01-01T00:00:00Z"),
                        object("kubeherd-logs/p/01new/worker.log", "2026-02-20T00:00:00Z")))));
    s3.stubFor(
        delete(urlPathEqualTo(BUCKET + "/kubeherd-logs/p/01old/worker.log"))
            .willReturn(aResponse().withStatus(204)));
    Clock march = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

    int deleted;
    try (BuildLogArchiver archiver =
        new BuildLogArchiver(logs, archive, builds::find, settings, Clock.systemUTC())) {
      deleted = archiver.applyRetention(settings, march);
    }

    assertThat(deleted).isEqualTo(1);
    assertThat(requests())
        .containsExactly(
            "GET " + BUCKET + "?list-type=2&prefix=kubeherd-logs%2F",
            "DELETE " + BUCKET + "/kubeherd-logs/p/01old/worker.log");
    s3.verify(1, deleteRequestedFor(urlPathEqualTo(BUCKET + "/kubeherd-logs/p/01old/worker.log")));
  }

  private Build finishedBuildWithLogs() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    try (LogSink w = logs.open(build.id(), LogStore.WORKER)) {
      w.write("==> started\ndone\n");
    }
    try (LogSink j = logs.open(build.id(), "say-" + build.id())) {
      j.write("hello ü\n");
    }
    builds.claim(build.id(), "test");
    builds.updateStatus(build.id(), build.status().finished(true, 0, Instant.now(), "ok"));
    return builds.find(build.id()).orElseThrow();
  }

  /** Method and URL of every request S3 got, oldest first. */
  private static List<String> requests() {
    return s3.getAllServeEvents().stream()
        .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .map(ServeEvent::getRequest)
        .map(r -> r.getMethod() + " " + r.getUrl())
        .toList();
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder listing(
      List<String> objects) {
    return aResponse()
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>logs-bucket</Name><IsTruncated>false</IsTruncated>"
                + String.join("", objects)
                + "</ListBucketResult>");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder listingPrefixes(
      List<String> prefixes) {
    return listing(
        prefixes.stream()
            .map(p -> "<CommonPrefixes><Prefix>" + p + "</Prefix></CommonPrefixes>")
            .toList());
  }

  private static String object(String key, String lastModified) {
    return "<Contents><Key>"
        + key
        + "</Key><LastModified>"
        + lastModified
        + "</LastModified><Size>1</Size></Contents>";
  }
}
