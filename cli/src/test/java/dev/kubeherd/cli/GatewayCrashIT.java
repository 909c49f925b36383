package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.github.GithubSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code kill -9} during a burst: {@code kubeherd gateway --local} runs in its own JVM on a
 * directory store and receives signed deliveries (pushes: one build; pull requests: two) from
 * several client threads; once {@link #KILL_AFTER} have been acknowledged it is killed with
 * SIGKILL, then started again on the same store. Every delivery that got a 2xx must be in the store
 * with all its builds readable, exactly once, and sending every delivery again must add nothing for
 * those.
 *
 * <p>Deliveries that were in flight when the process died got no answer (GitHub marks them failed
 * and does not retry). Their builds may be on disk without the delivery record (killed between the
 * two writes); redelivering such a delivery stores a second set. The test counts those and bounds
 * them by the requests in flight.
 */
class GatewayCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayCrashIT.class);
  private static final String REPOSITORY = "acme/crash";
  private static final String SECRET = "crash-secret";
  private static final int DELIVERIES = 400;
  private static final int CLIENTS = 8;
  private static final int KILL_AFTER = 120;

  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stopAll() throws InterruptedException {
    http.close();
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** One delivery of the burst: its ID, event, body and how many builds it makes. */
  record Delivery(String id, String event, byte[] body, String commit, int builds) {
    static Delivery number(int i) {
      String commit = "%040x".formatted(0xc0ffee000L + i);
      String repo = "\"repository\":{\"full_name\":\"" + REPOSITORY + "\"}";
      if (i % 2 == 0) {
        String body =
            "{\"ref\":\"refs/heads/main\",\"after\":\"%s\",\"head_commit\":{\"id\":\"%s\"},%s}"
                .formatted(commit, commit, repo);
        return new Delivery("crash-" + i, "push", bytes(body), commit, 1);
      }
      String body =
          ("{\"action\":\"opened\",\"number\":%d,\"pull_request\":{\"number\":%d,\"title\":\"t\","
                  + "\"head\":{\"sha\":\"%s\"}},%s}")
              .formatted(i, i, commit, repo);
      return new Delivery("crash-" + i, "pull_request", bytes(body), commit, 2);
    }
  }

  /** What the client saw: the build IDs of a 2xx, or nothing (no answer, or not a 2xx). */
  record Outcome(int status, List<String> builds, boolean duplicate) {}

  @Test
  void everyAcknowledgedDeliveryIsStoredExactlyOnceAfterAKillDuringABurst() throws Exception {
    Path home = dir.resolve("home");
    createProject(home);
    List<Delivery> deliveries = new ArrayList<>();
    for (int i = 0; i < DELIVERIES; i++) {
      deliveries.add(Delivery.number(i));
    }

    long t0 = System.nanoTime();
    Process first = startGateway(home, "first");
    Map<String, Outcome> acked = burstKilledMidway(first, gatewayPort(first), deliveries);
    assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(acked.size())
        .as("acknowledged before the kill (of %d)", DELIVERIES)
        .isBetween(KILL_AFTER, DELIVERIES - 1);

    long t1 = System.nanoTime();
    Process second = startGateway(home, "second");
    int port = gatewayPort(second);
    long t2 = System.nanoTime();
    LocalHome local = new LocalHome(home);
    DirectoryBuildStore builds = new DirectoryBuildStore(local, Clock.systemUTC());
    DirectoryDeliveries records = new DirectoryDeliveries(local);

    Map<String, List<Build>> byCommit = buildsByCommit(builds);
    for (Delivery d : deliveries) {
      Outcome answer = acked.get(d.id());
      if (answer == null) {
        continue;
      }
      assertThat(records.find(d.id()))
          .as("record of acknowledged %s", d.id())
          .contains(answer.builds());
      for (String id : answer.builds()) {
        Optional<Build> build = builds.find(id);
        assertThat(build).as("build %s of acknowledged %s", id, d.id()).isPresent();
        assertThat(build.get().request().revision().commit()).isEqualTo(d.commit());
      }
      assertThat(byCommit.getOrDefault(d.commit(), List.of()))
          .as("builds of acknowledged %s in the whole store", d.id())
          .hasSize(d.builds());
    }
    List<String> orphaned = orphaned(deliveries, records, byCommit);

    long t3 = System.nanoTime();
    Map<String, Outcome> resent = new ConcurrentHashMap<>();
    send(port, deliveries, resent, () -> {});
    long t4 = System.nanoTime();
    byCommit = buildsByCommit(builds);
    for (Delivery d : deliveries) {
      Outcome again = resent.get(d.id());
      assertThat(again).as("answer to %s sent again after the restart", d.id()).isNotNull();
      assertThat(records.find(d.id())).as("record of %s", d.id()).contains(again.builds());
      Outcome answer = acked.get(d.id());
      if (answer != null) {
        assertThat(again.duplicate()).as("%s answered as a duplicate", d.id()).isTrue();
        assertThat(again.builds()).isEqualTo(answer.builds());
        assertThat(byCommit.get(d.commit())).as("builds of %s", d.id()).hasSize(d.builds());
      }
    }
    LOG.info(
        "kill -9 after {} of {} deliveries acknowledged: all {} stored once and answered as"
            + " duplicates when sent again; deliveries with builds but no record: {} {}; took:"
            + " start + burst + kill {} ms, restart {} ms, checks {} ms, resend {} ms",
        KILL_AFTER,
        DELIVERIES,
        acked.size(),
        orphaned.size(),
        orphaned,
        (t1 - t0) / 1_000_000,
        (t2 - t1) / 1_000_000,
        (t3 - t2) / 1_000_000,
        (t4 - t3) / 1_000_000);
    assertThat(orphaned)
        .as(
            "deliveries with builds but no record (the journal stores a delivery's builds and"
                + " its record as one entry, replayed at the restart)")
        .isEmpty();
  }

  /** Sends every delivery from {@link #CLIENTS} threads, killing the gateway after some acks. */
  private Map<String, Outcome> burstKilledMidway(
      Process gateway, int port, List<Delivery> deliveries) throws InterruptedException {
    Map<String, Outcome> acked = new ConcurrentHashMap<>();
    AtomicInteger count = new AtomicInteger();
    send(
        port,
        deliveries,
        acked,
        () -> {
          if (count.incrementAndGet() == KILL_AFTER) {
            gateway.destroyForcibly(); // SIGKILL
          }
        });
    return acked;
  }

  private void send(int port, List<Delivery> deliveries, Map<String, Outcome> acked, Runnable onAck)
      throws InterruptedException {
    URI url = URI.create("http://127.0.0.1:" + port + "/events/github");
    try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
      for (Delivery d : deliveries) {
        clients.submit(
            () -> {
              Optional<Outcome> outcome = post(url, d);
              outcome.ifPresent(
                  o -> {
                    acked.put(d.id(), o);
                    onAck.run();
                  });
            });
      }
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  private Optional<Outcome> post(URI url, Delivery d) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-GitHub-Event", d.event())
            .header("X-GitHub-Delivery", d.id())
            .header(GithubSignature.SHA256_HEADER, GithubSignature.sign256(d.body(), SECRET))
            .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        return Optional.empty();
      }
      JsonNode body = Json.MAPPER.readTree(response.body());
      List<String> ids = body.path("builds").valueStream().map(JsonNode::asString).toList();
      return Optional.of(
          new Outcome(response.statusCode(), ids, body.path("duplicate").asBoolean(false)));
    } catch (IOException e) {
      return Optional.empty(); // the gateway died before answering
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Deliveries with builds on disk (found by their commit) but no delivery record. */
  private static List<String> orphaned(
      List<Delivery> deliveries, DirectoryDeliveries records, Map<String, List<Build>> byCommit) {
    return deliveries.stream()
        .filter(d -> byCommit.containsKey(d.commit()) && records.find(d.id()).isEmpty())
        .map(Delivery::id)
        .toList();
  }

  private static Map<String, List<Build>> buildsByCommit(DirectoryBuildStore builds) {
    return builds.list(Optional.empty()).stream()
        .collect(Collectors.groupingBy(b -> b.request().revision().commit()));
  }

  private static void createProject(Path home) {
    new DirectoryProjectStore(new LocalHome(home))
        .create(
            new Project(
                ProjectIds.fromName(REPOSITORY),
                REPOSITORY,
                "default",
                Map.of(ProjectKeys.SHARED_SECRET, SECRET)));
  }

  /** {@code kubeherd gateway --local} in a new JVM on this test's classpath. */
  private Process startGateway(Path home, String name) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                KubeherdJvm.command("gateway", "--local", "--address", "127.0.0.1", "--port", "0"))
            .redirectError(dir.resolve(name + ".log").toFile());
    builder.environment().put("KUBEHERD_HOME", home.toString());
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private int gatewayPort(Process gateway) throws IOException {
    return KubeherdJvm.gatewayPort(gateway, logOf(gateway));
  }

  private Path logOf(Process gateway) {
    return dir.resolve((started.indexOf(gateway) == 0 ? "first" : "second") + ".log");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
