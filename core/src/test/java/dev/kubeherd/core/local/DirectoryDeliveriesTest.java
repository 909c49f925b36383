package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void concurrentRecordersAllSeeOneWinner() throws Exception {
    DirectoryDeliveries deliveries = new DirectoryDeliveries(new LocalHome(tmp));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "b" + i;
        results.add(pool.submit(() -> deliveries.record("race", List.of(id))));
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
}
