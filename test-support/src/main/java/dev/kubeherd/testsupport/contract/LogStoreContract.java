package dev.kubeherd.testsupport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LogStore} adapter must do. Subclass it, return a fresh store from {@link
 * #createStore()} and make builds exist with {@link #createBuild()}.
 */
public abstract class LogStoreContract {
  private static final int THREADS = 8;
  private static final int LINES_PER_THREAD = 250;
  private static final String FILLER = "x".repeat(120);

  private LogStore store;
  private String buildId;

  /** A new store; called before each test. */
  protected abstract LogStore createStore();

  /** Makes a build exist wherever the store needs it to, and returns its ID. */
  protected abstract String createBuild();

  @BeforeEach
  void setUpStore() {
    store = createStore();
    buildId = createBuild();
  }

  @Test
  void writtenTextIsReadBackExactly() {
    try (LogSink log = store.open(buildId, LogStore.WORKER)) {
      log.line("==> starting");
      log.write("no newline added");
    }

    assertThat(store.read(buildId, LogStore.WORKER)).isEqualTo("==> starting\nno newline added");
  }

  @Test
  void logOfUnknownSourceReadsAsEmpty() {
    assertThat(store.read(buildId, "never-written")).isEmpty();
  }

  @Test
  void logIsReadableWhileBeingWritten() {
    try (LogSink log = store.open(buildId, "test-" + buildId)) {
      log.line("one");
      assertThat(store.read(buildId, "test-" + buildId)).isEqualTo("one\n");
      log.line("two");
      assertThat(store.read(buildId, "test-" + buildId)).isEqualTo("one\ntwo\n");
    }
  }

  @Test
  void reopeningALogAppendsToIt() {
    try (LogSink log = store.open(buildId, LogStore.WORKER)) {
      log.line("first");
    }
    try (LogSink log = store.open(buildId, LogStore.WORKER)) {
      log.line("second");
    }

    assertThat(store.read(buildId, LogStore.WORKER)).isEqualTo("first\nsecond\n");
  }

  @Test
  void linesAppendedFromSeveralThreadsStayWholeAndInOrderPerThread() throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (LogSink log = store.open(buildId, LogStore.WORKER);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        writers.add(pool.submit(() -> writeLines(log, thread, start)));
      }
      start.countDown();
      for (Future<?> w : writers) {
        w.get();
      }
    }

    List<String> lines = store.read(buildId, LogStore.WORKER).lines().toList();
    assertThat(lines).hasSize(THREADS * LINES_PER_THREAD);
    assertThat(lines).allMatch(l -> l.matches("t\\d-\\d+ " + FILLER));
    for (int t = 0; t < THREADS; t++) {
      String prefix = "t" + t + "-";
      assertThat(lines.stream().filter(l -> l.startsWith(prefix)).toList())
          .containsExactlyElementsOf(expectedLines(t));
    }
  }

  private static Void writeLines(LogSink log, int thread, CountDownLatch start)
      throws InterruptedException {
    start.await();
    expectedLines(thread).forEach(log::line);
    return null;
  }

  private static List<String> expectedLines(int thread) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < LINES_PER_THREAD; i++) {
      lines.add("t" + thread + "-" + i + " " + FILLER);
    }
    return lines;
  }

  @Test
  void sourcesListTheWorkerFirstThenJobsInTheOrderTheyStarted() throws InterruptedException {
    writeOneLine("zeta-" + buildId);
    Thread.sleep(30);
    writeOneLine("alpha-" + buildId);
    Thread.sleep(30);
    writeOneLine(LogStore.WORKER);

    assertThat(store.sources(buildId))
        .containsExactly(LogStore.WORKER, "zeta-" + buildId, "alpha-" + buildId);
  }

  @Test
  void buildWithoutLogsHasNoSources() {
    assertThat(store.sources(buildId)).isEmpty();
  }

  @Test
  void sourceNamesThatCouldEscapeTheLogAreRejected() {
    for (String bad : List.of("../worker", "a/b", "..", "")) {
      assertThatThrownBy(() -> store.open(buildId, bad))
          .as("source %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("log source");
    }
  }

  private void writeOneLine(String source) {
    try (LogSink log = store.open(buildId, source)) {
      log.line("hello from " + source);
    }
  }
}
