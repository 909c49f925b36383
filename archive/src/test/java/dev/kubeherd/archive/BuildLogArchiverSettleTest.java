package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.service.BuildCancel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@link BuildLogArchiver}'s settle delay: lines a worker writes after its build ended are
 * archived too.
 */
class BuildLogArchiverSettleTest extends BuildLogArchiverFixture {
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
}
