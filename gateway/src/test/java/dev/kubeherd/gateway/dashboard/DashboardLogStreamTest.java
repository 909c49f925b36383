package dev.kubeherd.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.LogSink;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live logs as server-sent events, followed until the build or job ends and its writer is done (a
 * build that just ended is followed for {@link LogDrain#LATE_WRITES}, hence the generous waits).
 */
class DashboardLogStreamTest {
  /** Long enough for a just-ended build's stream to end: late writes, quiet, a loaded machine. */
  static final Duration WAIT = LogDrain.LATE_WRITES.plusSeconds(10);

  @TempDir Path home;
  LocalDashboard dash;
  Project project;

  @BeforeEach
  void start() throws Exception {
    dash = new LocalDashboard(home, "");
    project = dash.project("acme/rocket", Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    dash.close();
  }

  @Test
  void theWorkerLogStreamsLinesAsTheyAreWrittenAndEndsWithTheBuild() throws Exception {
    Build b = dash.build(project, "push");
    dash.builds.claim(b.id(), "w");
    HttpResponse<Stream<String>> response = open("/api/v1/builds/" + b.id() + "/logs/stream", null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/event-stream; charset=utf-8");
    Iterator<String> lines = response.body().iterator();

    try (LogSink worker = dash.logs.open(b.id(), "worker")) {
      worker.write("first\n");
      assertThat(nextData(lines)).isEqualTo("first");
      worker.write("second\r\nthird\npartial");
      assertThat(nextData(lines)).isEqualTo("second");
      assertThat(nextData(lines)).isEqualTo("third");
    }
    var status = dash.builds.find(b.id()).orElseThrow().status();
    dash.builds.updateStatus(b.id(), status.finished(true, 0, Instant.now(), ""));

    assertThat(nextData(lines)).isEqualTo("partial");
    assertThat(rest(lines)).containsSubsequence("event: end", "data: {\"phase\":\"Succeeded\"}");
  }

  @Test
  void aFinishedBuildsLogIsSentWholeThenTheStreamEnds() throws Exception {
    Build b = dash.build(project, "push");
    dash.log(b.id(), "worker", "a\nb\n");
    dash.builds.claim(b.id(), "w");
    var status = dash.builds.find(b.id()).orElseThrow().status();
    dash.builds.updateStatus(b.id(), status.finished(false, 1, Instant.now(), "boom"));

    List<String> all =
        rest(open("/api/v1/builds/" + b.id() + "/logs/stream", null).body().iterator());

    assertThat(all)
        .containsSubsequence(
            "event: line",
            "id: 2",
            "data: a",
            "event: line",
            "id: 4",
            "data: b",
            "event: end",
            "data: {\"phase\":\"Failed\"}");
  }

  @Test
  void linesTheWorkerWritesAfterACancelMarkedTheBuildFailedAreStreamedBeforeTheEnd()
      throws Exception {
    Build b = dash.build(project, "push");
    dash.builds.claim(b.id(), "w");
    Iterator<String> lines =
        open("/api/v1/builds/" + b.id() + "/logs/stream", null).body().iterator();
    try (LogSink worker = dash.logs.open(b.id(), "worker")) {
      worker.write("step 1\n");
      assertThat(nextData(lines)).isEqualTo("step 1");
      var status = dash.builds.find(b.id()).orElseThrow().status();
      dash.builds.updateStatus(b.id(), status.finished(false, 130, Instant.now(), "cancelled"));
      Thread.sleep(300);
      worker.write("[brigade:k8s] default/test-pod cancelled\nheld-back tail");
    }

    assertThat(rest(lines))
        .containsSubsequence(
            "data: [brigade:k8s] default/test-pod cancelled",
            "data: held-back tail",
            "event: end",
            "data: {\"phase\":\"Failed\"}");
  }

  @Test
  void theStreamOfABuildThatEndedLongAgoEndsAfterOneQuietPeriod() throws Exception {
    Build b = dash.build(project, "push");
    dash.log(b.id(), "worker", "a\n");
    dash.builds.claim(b.id(), "w");
    var status = dash.builds.find(b.id()).orElseThrow().status();
    Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
    dash.builds.updateStatus(b.id(), status.finished(true, 0, anHourAgo, ""));

    long start = System.nanoTime();
    List<String> all =
        rest(open("/api/v1/builds/" + b.id() + "/logs/stream", null).body().iterator());

    assertThat(all).containsSubsequence("data: a", "event: end");
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(LogDrain.QUIET.plusSeconds(3))
        .isLessThan(LogDrain.LATE_WRITES);
  }

  @Test
  void aReconnectWithLastEventIdResumesAfterThatOffset() throws Exception {
    Build b = dash.build(project, "push");
    dash.log(b.id(), "worker", "a\nb\nc\n");
    dash.builds.updateStatus(
        b.id(),
        dash.builds
            .find(b.id())
            .orElseThrow()
            .status()
            .finished(true, 0, Instant.now().minus(Duration.ofHours(1)), ""));

    List<String> all =
        rest(open("/api/v1/builds/" + b.id() + "/logs/stream", "2").body().iterator());

    assertThat(all.stream().filter(l -> l.startsWith("data: ")).toList())
        .containsExactly("data: b", "data: c", "data: {\"phase\":\"Succeeded\"}");
  }

  @Test
  void aJobLogStreamEndsWhenTheJobEndsThoughTheBuildRuns() throws Exception {
    Build b = dash.build(project, "push");
    dash.builds.claim(b.id(), "w");
    String pod = "test-" + b.id();
    dash.builds.saveJob(running(b, pod));
    dash.log(b.id(), pod, "ok 1\n");
    HttpResponse<Stream<String>> response =
        open("/api/v1/builds/" + b.id() + "/jobs/test/logs/stream", null);
    Iterator<String> lines = response.body().iterator();
    assertThat(nextData(lines)).isEqualTo("ok 1");

    dash.log(b.id(), pod, "ok 2\n");
    dash.builds.saveJob(
        new JobRecord(
            b.id(),
            "test",
            pod,
            "alpine",
            BuildPhase.FAILED,
            Optional.of(Instant.now()),
            Optional.of(Instant.now()),
            Optional.of(2)));

    assertThat(rest(lines))
        .containsSubsequence("data: ok 2", "event: end", "data: {\"phase\":\"Failed\"}");
  }

  @Test
  void streamingAnUnknownBuildOrJobIsAJson404() throws Exception {
    Build b = dash.build(project, "push");

    HttpResponse<Stream<String>> build =
        open("/api/v1/builds/01hzzzzzzzzzzzzzzzzzzzzzzz/logs/stream", null);
    HttpResponse<Stream<String>> job =
        open("/api/v1/builds/" + b.id() + "/jobs/nope/logs/stream", null);

    assertThat(build.statusCode()).isEqualTo(404);
    assertThat(build.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(job.statusCode()).isEqualTo(404);
    assertThat(String.join("", rest(job.body().iterator()))).contains("has no job \\\"nope\\\"");
  }

  private static JobRecord running(Build b, String pod) {
    return new JobRecord(
        b.id(),
        "test",
        pod,
        "alpine",
        BuildPhase.RUNNING,
        Optional.of(Instant.now()),
        Optional.empty(),
        Optional.empty());
  }

  private HttpResponse<Stream<String>> open(String path, String lastEventId) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(dash.gateway.uri(path)).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return HttpClientHolder.HTTP
        .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
        .get(10, TimeUnit.SECONDS);
  }

  /** The data of the next {@code line} event, waiting at most {@link #WAIT}. */
  private static String nextData(Iterator<String> lines) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                  return line.substring(6);
                }
              }
              throw new AssertionError("the stream ended");
            })
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every line until the server ends the stream, waiting at most {@link #WAIT}. */
  private static List<String> rest(Iterator<String> lines) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              List<String> all = new ArrayList<>();
              lines.forEachRemaining(all::add);
              return all;
            })
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static final class HttpClientHolder {
    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
  }
}
