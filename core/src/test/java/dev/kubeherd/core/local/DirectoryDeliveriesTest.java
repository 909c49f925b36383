package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.CorruptStateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectoryDeliveriesTest {
  @TempDir Path tmp;

  @Test
  void unknownDeliveryIsNotFound() {
    assertThat(new DirectoryDeliveries(new LocalHome(tmp)).find("d-1")).isEmpty();
  }

  @Test
  void recordedDeliveryIsFoundWithItsBuildsByAnotherInstance() {
    new DirectoryDeliveries(new LocalHome(tmp)).record("d-1", List.of("b1", "b2"));

    assertThat(new DirectoryDeliveries(new LocalHome(tmp)).find("d-1"))
        .contains(List.of("b1", "b2"));
    assertThat(tmp.resolve("deliveries/d-1.json")).isRegularFile();
  }

  @Test
  void secondRecordKeepsAndReturnsTheFirstBuilds() {
    DirectoryDeliveries deliveries = new DirectoryDeliveries(new LocalHome(tmp));
    deliveries.record("d-1", List.of("b1"));

    assertThat(deliveries.record("d-1", List.of("b9"))).containsExactly("b1");
    assertThat(deliveries.find("d-1")).contains(List.of("b1"));
  }

  @ParameterizedTest(name = "durable: {0}")
  @ValueSource(booleans = {true, false})
  void concurrentRecordersAllSeeOneWinner(boolean durable) throws Exception {
    DirectoryDeliveries deliveries = new DirectoryDeliveries(new LocalHome(tmp));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "b" + i;
        results.add(pool.submit(() -> deliveries.record("race", List.of(id), durable)));
      }
      List<String> first = results.get(0).get();
      for (Future<List<String>> r : results) {
        assertThat(r.get()).isEqualTo(first);
      }
    } finally {
      pool.shutdownNow();
    }
    try (var files = Files.list(tmp.resolve("deliveries"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void deliveryIdThatIsNoFileNameIsRefusedWithTheRule() {
    DirectoryDeliveries deliveries = new DirectoryDeliveries(new LocalHome(tmp));

    assertThatThrownBy(() -> deliveries.record("../x", List.of("b1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delivery ID");
    assertThat(deliveries.find("../x")).isEmpty();
  }

  @Test
  void aReaderWaitsForARecordBeingWrittenInPlace() throws Exception {
    // a generous wait, so a loaded machine cannot make the writer miss it; the writer only
    // finishes once the reader is waiting, so the test shows the wait, not a lucky order
    DirectoryDeliveries writer =
        new DirectoryDeliveries(new LocalHome(tmp), Duration.ofSeconds(30));
    writer.record("d-0", List.of("b0"), false); // makes deliveries/
    Path record = tmp.resolve("deliveries/d-1.json");
    Files.createFile(record); // created, not written yet: what a reader can meet mid-write
    Thread reader = Thread.currentThread();
    Thread late =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (reader.getState() != Thread.State.TIMED_WAITING) {
                      Thread.onSpinWait();
                    }
                    Files.writeString(
                        record, "{\"deliveryId\":\"d-1\",\"buildIds\":[\"b1\",\"b2\"]}");
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });

    // another recorder loses the exclusive create and must wait for the content
    assertThat(writer.record("d-1", List.of("b9"), false)).containsExactly("b1", "b2");
    assertThat(new DirectoryDeliveries(new LocalHome(tmp)).find("d-1"))
        .contains(List.of("b1", "b2"));
    late.join();
  }

  @Test
  void aDamagedRecordIsReportedWithAdviceThatDoesNotLetTheEventRunTwice() throws Exception {
    Path record = tmp.resolve("deliveries/d-1.json");
    Files.createDirectories(record.getParent());
    Files.writeString(record, "{\"deliveryId\": \"d-1\", \"buildIds\": [\"b1\""); // torn

    assertThatThrownBy(() -> new DirectoryDeliveries(new LocalHome(tmp)).find("d-1"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(record.toString())
        .hasMessageContaining("Do not delete it")
        .hasMessageContaining("Restart the gateway")
        .hasMessageNotContaining("or delete it");
  }

  @Test
  void aRecordThatStaysUnreadableIsReportedAfterTheWaitNamingTheFile() throws Exception {
    new DirectoryDeliveries(new LocalHome(tmp)).record("d-0", List.of("b0"), false);
    Path record = tmp.resolve("deliveries/d-1.json");
    Files.createFile(record); // what a crash mid-write leaves (the journal rewrites it)
    long start = System.nanoTime();

    assertThatThrownBy(() -> new DirectoryDeliveries(new LocalHome(tmp)).find("d-1"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(record.toString())
        .hasMessageContaining("is empty: a gateway was stopped")
        .hasMessageContaining("Restart the gateway");
    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(DirectoryDeliveries.SETTLE.toNanos());
  }

  @Test
  void aJournalRecordLeavesNoOtherFileBehind() throws Exception {
    DirectoryDeliveries deliveries = new DirectoryDeliveries(new LocalHome(tmp));

    assertThat(deliveries.record("d-1", List.of("b1"), false)).containsExactly("b1");

    try (var files = Files.list(tmp.resolve("deliveries"))) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("d-1.json");
    }
    assertThat(new DirectoryDeliveries(new LocalHome(tmp)).find("d-1")).contains(List.of("b1"));
  }
}
