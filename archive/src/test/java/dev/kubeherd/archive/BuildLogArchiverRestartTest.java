package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link BuildLogArchiver} remembers: across a restart (no log read again, a grown log
 * uploaded again) and after the vacuum.
 */
class BuildLogArchiverRestartTest extends BuildLogArchiverFixture {
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

    assertThat(counted.reads()).hasValue(0);
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
}
