package dev.kubeherd.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.port.Deliveries;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Deliveries} adapter must do. Subclass it and return a fresh empty store. */
public abstract class DeliveriesContract {
  static final String GUID = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

  private Deliveries deliveries;

  protected abstract Deliveries createDeliveries();

  @BeforeEach
  void setUpDeliveries() {
    deliveries = createDeliveries();
  }

  @Test
  void anUnknownDeliveryIsNotFound() {
    assertThat(deliveries.find(GUID)).isEmpty();
  }

  @Test
  void aRecordedDeliveryIsFoundWithItsBuildsInOrder() {
    List<String> recorded = deliveries.record(GUID, List.of("01b", "01a"));

    assertThat(recorded).containsExactly("01b", "01a");
    assertThat(deliveries.find(GUID)).contains(List.of("01b", "01a"));
  }

  @Test
  void aSecondRecordKeepsTheFirstBuilds() {
    deliveries.record(GUID, List.of("01first"));

    assertThat(deliveries.record(GUID, List.of("01second"))).containsExactly("01first");
    assertThat(deliveries.find(GUID)).contains(List.of("01first"));
  }

  @Test
  void aDeliveryWithoutBuildsIsRecordedToo() {
    assertThat(deliveries.record(GUID, List.of())).isEmpty();
    assertThat(deliveries.find(GUID)).contains(List.of());
  }

  @Test
  void ofConcurrentRecordersExactlyOneWins() throws Exception {
    int n = 8;
    Set<List<String>> answers = ConcurrentHashMap.newKeySet();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    for (int i = 0; i < n; i++) {
      String build = "01build" + i;
      pool.submit(
          () -> {
            start.await();
            answers.add(deliveries.record(GUID, List.of(build)));
            return null;
          });
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    assertThat(answers).hasSize(1);
    assertThat(deliveries.find(GUID)).contains(answers.iterator().next());
  }
}
