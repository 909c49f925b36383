package dev.kubeherd.archive;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.LogStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Uploads the {@link BuildLogArchiver} retries: a refused upload, an archive that keeps refusing, a
 * build deleted while it waits.
 */
class BuildLogArchiverRetryTest extends BuildLogArchiverFixture {
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
}
