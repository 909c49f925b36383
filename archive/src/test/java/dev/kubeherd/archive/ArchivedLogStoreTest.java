package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.core.StoreUnavailableException;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** When {@link ArchivedLogStore} asks S3 (WireMock, path-style) and how its failures surface. */
class ArchivedLogStoreTest {
  @RegisterExtension
  static WireMockExtension s3 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PROJECT = "brigade-p";

  @TempDir Path dir;
  DirectoryBuildStore builds;
  DirectoryLogStore logs;
  S3LogArchive archive;
  LogStore store;

  @BeforeEach
  void setUp() {
    LocalHome home = new LocalHome(dir);
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    logs = new DirectoryLogStore(home);
    archive = WireMockS3.archive(s3.baseUrl());
    store = new ArchivedLogStore(logs, archive, builds::find);
  }

  @AfterEach
  void close() {
    archive.close();
  }

  @Test
  void aPendingBuildsLogIsReadFromTheStoreOnlyWithoutAskingTheArchive() {
    Build pending = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));

    assertThat(store.read(pending.id(), LogStore.WORKER)).isEmpty();
    assertThat(store.sources(pending.id())).isEmpty();

    assertThat(s3.getAllServeEvents()).isEmpty();
  }

  @Test
  void aRunningBuildsSilentJobLogIsReadFromTheStoreOnlyWithoutAskingTheArchive() {
    Build running = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    builds.claim(running.id(), "worker-1");
    builds.updateStatus(running.id(), running.status().running("worker-1", Instant.now()));
    try (LogSink worker = logs.open(running.id(), LogStore.WORKER)) {
      worker.write("==> started\n");
    }
    try (LogSink job = logs.open(running.id(), "silent-job")) {
      job.write("");
    }

    for (int poll = 0; poll < 3; poll++) {
      assertThat(store.read(running.id(), "silent-job")).isEmpty();
      assertThat(store.read(running.id(), "not-started-yet")).isEmpty();
    }

    assertThat(s3.getAllServeEvents()).isEmpty();
  }

  @Test
  void anArchiveThatDoesNotAnswerMakesAGoneBuildsLogUnavailableSayingWhatFailed() {
    s3.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503)));

    assertThatThrownBy(() -> store.read("01hgonegonegonegonegonegon", LogStore.WORKER))
        .isInstanceOf(StoreUnavailableException.class)
        .isInstanceOf(LogArchiveException.class)
        .hasMessageContaining("Could not list s3://logs-bucket/kubeherd-logs/")
        .hasMessageContaining("503");
  }

  @Test
  void aFinishedBuildWhoseStoredLogsAreGoneIsReadFromTheArchive() {
    Build build = builds.create(BuildRequest.of(PROJECT, "exec", "brigade-cli"));
    builds.claim(build.id(), "worker-1");
    builds.updateStatus(build.id(), build.status().finished(true, 0, Instant.now(), "ok"));
    s3.stubFor(
        get("/logs-bucket/kubeherd-logs/" + PROJECT + "/" + build.id() + "/worker.log")
            .willReturn(aResponse().withBody("archived worker\n")));

    assertThat(store.read(build.id(), LogStore.WORKER)).isEqualTo("archived worker\n");
    assertThat(s3.getAllServeEvents()).hasSize(1);
  }
}
