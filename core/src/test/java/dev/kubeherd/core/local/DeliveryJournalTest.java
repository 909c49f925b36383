package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryJournalTest {
  @TempDir Path tmp;

  @Test
  void appendedRecordsAreReadBackInOrderFromTheRotatedSegment() {
    try (DeliveryJournal journal = DeliveryJournal.open(new LocalHome(tmp)).orElseThrow()) {
      journal.append(bytes("one"));
      journal.append(bytes("two"));

      Path segment = journal.rotate();

      assertThat(records(segment)).containsExactly("one", "two");
    }
  }

  @Test
  void aTornTailIsIgnoredAndTheWholeRecordsBeforeItAreKept() throws IOException {
    Path segment;
    try (DeliveryJournal journal = DeliveryJournal.open(new LocalHome(tmp)).orElseThrow()) {
      journal.append(bytes("kept"));
      segment = journal.rotate();
    }
    // a crash mid-append: a length that promises more bytes than were written
    Files.write(segment, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, 'x'}, StandardOpenOption.APPEND);

    assertThat(records(segment)).containsExactly("kept");
  }

  @Test
  void aDamagedRecordEndsTheSegment() throws IOException {
    Path segment;
    try (DeliveryJournal journal = DeliveryJournal.open(new LocalHome(tmp)).orElseThrow()) {
      journal.append(bytes("first"));
      journal.append(bytes("second"));
      segment = journal.rotate();
    }
    byte[] content = Files.readAllBytes(segment);
    content[content.length - 1] ^= 1; // flip a bit of "second"
    Files.write(segment, content);

    assertThat(records(segment)).containsExactly("first");
  }

  @Test
  void segmentsLeftOpenByAnEarlierJournalAreListedOldestFirst() {
    LocalHome home = new LocalHome(tmp);
    try (DeliveryJournal first = DeliveryJournal.open(home).orElseThrow()) {
      first.append(bytes("a"));
      first.rotate();
      first.append(bytes("b"));
    }

    try (DeliveryJournal second = DeliveryJournal.open(home).orElseThrow()) {
      assertThat(second.leftOver()).hasSize(2);
      assertThat(records(second.leftOver().get(0))).containsExactly("a");
      assertThat(records(second.leftOver().get(1))).containsExactly("b");
    }
  }

  @Test
  void anEmptiedJournalNeverReusesASegmentNumberEvenWithTheClockBehind() {
    LocalHome home = new LocalHome(tmp);
    Path dir = tmp.resolve(DeliveryJournal.DIR);
    long ahead = (System.currentTimeMillis() + 3_600_000) * 1000; // an earlier run's clock
    try (DeliveryJournal first = DeliveryJournal.open(home).orElseThrow()) {
      first.append(bytes("a"));
      Path closed = first.rotate();
      first.delete(closed); // retired: nothing is left to number from
    }
    JournalSegments.rememberNumber(dir, ahead);
    for (Path left : JournalSegments.segments(dir)) {
      JournalSegments.forgetSynced(left);
      assertThat(left.toFile().delete()).isTrue(); // an empty journal, as retirement leaves it
    }

    try (DeliveryJournal second = DeliveryJournal.open(home).orElseThrow()) {
      second.append(bytes("b"));
      Path segment = second.rotate();

      assertThat(JournalSegments.number(segment)).isGreaterThan(ahead);
      assertThat(JournalSegments.lastNumber(dir)).isGreaterThan(ahead);
    }
  }

  @Test
  void onlyOneJournalIsOpenOnAHomeAtATime() {
    LocalHome home = new LocalHome(tmp);
    try (DeliveryJournal journal = DeliveryJournal.open(home).orElseThrow()) {
      assertThat(DeliveryJournal.open(home)).isEmpty();
    }
    assertThat(DeliveryJournal.open(home)).hasValueSatisfying(DeliveryJournal::close);
  }

  @Test
  void aRefusedSecondOpenInTheOwningProcessStillKeepsOtherProcessesOut() throws Exception {
    LocalHome home = new LocalHome(tmp.resolve("home"));
    try (DeliveryJournal journal = DeliveryJournal.open(home).orElseThrow()) {
      assertThat(DeliveryJournal.open(home)).isEmpty();

      // a POSIX lock dies with any descriptor of its file the process closes
      assertThat(openInAnotherProcess(home)).isEqualTo("refused");
    }
    assertThat(openInAnotherProcess(home)).isEqualTo("acquired");
    try (DeliveryJournal again = DeliveryJournal.open(home).orElseThrow()) {
      assertThat(again.leftOver()).isEmpty();
    }
  }

  private String openInAnotherProcess(LocalHome home) throws Exception {
    Process child =
        TestJvm.start(tmp.resolve("child.err"), JournalProbeMain.class, home.root().toString());
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(child.exitValue())
        .as("child exit; stderr: %s", Files.readString(tmp.resolve("child.err")))
        .isZero();
    return out;
  }

  @Test
  void theActionAfterTheSyncRunsOnTheWriterThreadOnceTheRecordIsInTheSegment() throws Exception {
    try (DeliveryJournal journal = DeliveryJournal.open(new LocalHome(tmp)).orElseThrow()) {
      CompletableFuture<String> after =
          journal.appendAsync(
              bytes("one"),
              segment -> Thread.currentThread().getName() + " " + records(segment).size());

      assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("kubeherd-journal-writer 1");
    }
  }

  @Test
  void appendsInFlightWhenTheJournalClosesAreEitherDurableOrFailedNeverLeftWaiting()
      throws Exception {
    DeliveryJournal journal = DeliveryJournal.open(new LocalHome(tmp)).orElseThrow();
    List<CompletableFuture<String>> appended = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String record = "r-" + i;
      if (i == 100) {
        Thread.ofPlatform().start(journal::close);
      }
      try {
        appended.add(journal.appendAsync(bytes(record), segment -> record));
      } catch (IllegalStateException closed) {
        assertThat(closed).hasMessageContaining("closed");
      }
    }

    List<String> durable = new ArrayList<>();
    for (CompletableFuture<String> a : appended) {
      try {
        durable.add(a.get(10, TimeUnit.SECONDS)); // a TimeoutException fails the test
      } catch (ExecutionException e) {
        assertThat(e.getCause()).hasMessageContaining("closed");
      }
    }
    journal.close();
    List<String> inSegments = new ArrayList<>();
    JournalSegments.segments(tmp.resolve(DeliveryJournal.DIR))
        .forEach(s -> inSegments.addAll(records(s)));
    assertThat(inSegments).containsAll(durable);
    assertThat(durable).isNotEmpty();
  }

  @Test
  void concurrentAppendsAreAllDurableAndWhole() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(16);
    Path segment;
    try (DeliveryJournal journal = DeliveryJournal.open(new LocalHome(tmp)).orElseThrow()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 16; t++) {
        int thread = t;
        done.add(
            threads.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    journal.append(bytes(thread + "-" + i));
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      segment = journal.rotate();
    } finally {
      threads.shutdown();
    }

    List<String> records = records(segment);
    assertThat(records).hasSize(800).doesNotHaveDuplicates();
    assertThat(records).contains("0-0", "15-49");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> records(Path segment) {
    List<String> out = new ArrayList<>();
    JournalSegments.read(segment, r -> out.add(new String(r, StandardCharsets.UTF_8)));
    return out;
  }
}
