package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.DeliveryIntake.Accepted;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** What the journal tests share: the stores of a home, a crashed copy, the journal's content. */
final class JournalFixture {
  static final BuildRequest PUSH = BuildRequest.of("brigade-p", "push", "github");
  static final BuildRequest PUSH_AGAIN = BuildRequest.of("brigade-p", "push:x", "github");

  private JournalFixture() {}

  /** The directory stores of one home, as one process has them. */
  static final class Stores {
    final LocalHome home;
    final DirectoryBuildStore builds;
    final DirectoryDeliveries deliveries;

    Stores(Path root) {
      home = new LocalHome(root);
      builds = new DirectoryBuildStore(home, Clock.systemUTC());
      deliveries = new DirectoryDeliveries(home);
    }

    JournaledIntake open() {
      return JournaledIntake.open(home, builds, deliveries).orElseThrow();
    }
  }

  /** A segment as a version 1 gateway wrote it: one delivery of one build, payload inside. */
  static void writeVersion1Segment(Path home, String id, String deliveryKey) throws IOException {
    byte[] file =
        new JsonFiles()
            .toBytes(
                new DirectoryBuildStore.BuildFile(id, Instant.parse("2026-01-01T00:00:00Z"), PUSH));
    byte[] key = deliveryKey.getBytes(StandardCharsets.UTF_8);
    ByteBuffer v1 = ByteBuffer.allocate(2 + key.length + 4 + 4 + file.length);
    v1.putShort((short) key.length).put(key).putInt(1).putInt(file.length).put(file);
    Path dir = Files.createDirectories(home.resolve(DeliveryJournal.DIR));
    ByteBuffer framed = JournalSegments.frame(v1.array());
    Files.write(
        dir.resolve(JournalSegments.name(1)), Arrays.copyOf(framed.array(), framed.limit()));
  }

  static void awaitJournalEmpty(Path home) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!journalHoldsNoRecords(home) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(journalHoldsNoRecords(home)).isTrue();
  }

  static boolean journalHoldsNoRecords(Path home) {
    List<Path> segments = JournalSegments.segments(home.resolve(DeliveryJournal.DIR));
    AtomicInteger records = new AtomicInteger();
    segments.forEach(s -> JournalSegments.read(s, r -> records.incrementAndGet()));
    return records.get() == 0;
  }

  static long activeSegmentSize(Path home) throws IOException {
    List<Path> segments = JournalSegments.segments(home.resolve(DeliveryJournal.DIR));
    return segments.isEmpty() ? 0 : Files.size(segments.getLast());
  }

  /**
   * Accepts a delivery on {@code tmp/home}, then copies the home as a crash would leave it (journal
   * segment still there) to {@code crashed}, and closes the original.
   */
  static Accepted acceptThenCrash(Path tmp, Path crashed, String key) throws Exception {
    return acceptThenCrash(tmp, crashed, key, false);
  }

  /** {@link #acceptThenCrash(Path, Path, String)}, the builds claimed first when asked. */
  static Accepted acceptThenCrash(Path tmp, Path crashed, String key, boolean claimed)
      throws Exception {
    Path home = tmp.resolve("home");
    Stores stores = new Stores(home);
    try (JournaledIntake intake = stores.open()) {
      Accepted accepted = intake.accept(key, () -> List.of(PUSH));
      if (claimed) {
        accepted.buildIds().forEach(id -> stores.builds.claim(id, "w"));
      }
      copyTree(home, crashed);
      Files.deleteIfExists(crashed.resolve(DeliveryJournal.DIR).resolve("lock"));
      return accepted;
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
