package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlockingResponderWorkersTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void anIntakeThatReturnsAtOnceGetsAThreadPerCoreAndAnotherKeepsTwenty() throws Exception {
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());

    assertThat(concurrency(BlockingResponder.sizeWorkers(vertx, false), cores + 4))
        .isEqualTo(cores);
    Vertx other = Vertx.vertx();
    try {
      assertThat(concurrency(BlockingResponder.sizeWorkers(other, true), 24)).isEqualTo(20);
    } finally {
      other.close().await();
    }
  }

  @Test
  void respondersShareThePoolSizedBeforeThem() throws Exception {
    BlockingResponder.sizeWorkers(vertx, false);
    new BlockingResponder(vertx, new GatewayMetrics(), "github");
    WorkerExecutor shared =
        vertx.createSharedWorkerExecutor(
            BlockingResponder.WORKERS, BlockingResponder.DEFAULT_WORKERS);

    assertThat(concurrency(shared, 8))
        .isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** How many of {@code tasks} blocking tasks the pool runs at once. */
  private static int concurrency(WorkerExecutor pool, int tasks) throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < tasks; i++) {
      pool.executeBlocking(
          () -> {
            running.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            release.await(10, TimeUnit.SECONDS);
            return null;
          },
          false);
    }
    Thread.sleep(300); // every thread the pool has is busy by now
    int seen = running.get();
    release.countDown();
    assertThat(threads).allMatch(t -> t.startsWith(BlockingResponder.WORKERS));
    return seen;
  }
}
