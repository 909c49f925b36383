package dev.kubeherd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreCleanupTest {
  @TempDir Path tmp;

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void nothingToWaitForWhenNoRunHasDeletedAStore() throws Exception {
    StoreCleanup cleanup = new StoreCleanup(tmp, Clock.systemUTC());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    cleanup.awaitSettled(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(cleanup.remaining()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void deletingAStoreRemovesItAndStartsTheSettlingTime() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("kubeherd-p4-1/home-1/builds/b1"));
    Files.writeString(store.resolve("build.json"), "{}");
    Instant deletedAt = Instant.parse("2026-11-26T16:00:00Z");

    new StoreCleanup(tmp, at(deletedAt)).delete(tmp.resolve("kubeherd-p4-1"));

    assertThat(tmp.resolve("kubeherd-p4-1")).doesNotExist();
    assertThat(new StoreCleanup(tmp, at(deletedAt.plusSeconds(100))).remaining())
        .isEqualTo(Duration.ofSeconds(200));
    assertThat(new StoreCleanup(tmp, at(deletedAt.plus(StoreCleanup.SETTLE))).remaining()).isZero();
  }

  @Test
  void aDeletionStampFromTheFutureDoesNotMakeTheBenchmarkWaitForever() throws Exception {
    Instant now = Instant.parse("2026-11-26T16:00:00Z");
    new StoreCleanup(tmp, at(now.plus(Duration.ofDays(1))))
        .delete(Files.createTempDirectory(tmp, "s"));

    assertThat(new StoreCleanup(tmp, at(now)).remaining()).isZero();
  }

  @Test
  void waitingSaysWhyAndEndsOnceTheSettlingTimeHasPassed() throws Exception {
    Instant justNow = Instant.now().minus(StoreCleanup.SETTLE).plusMillis(1_500);
    new StoreCleanup(tmp, at(justNow)).delete(Files.createTempDirectory(tmp, "s"));
    StoreCleanup cleanup = new StoreCleanup(tmp, Clock.systemUTC());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    cleanup.awaitSettled(new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(cleanup.remaining()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("waiting ")
        .contains("does not reuse freed inodes")
        .contains("-Dkubeherd.bench.settle=false");
  }
}
