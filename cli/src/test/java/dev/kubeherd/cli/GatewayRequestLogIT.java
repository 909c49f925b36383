package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd gateway} batches its standard error ({@link BatchedStderr}): a request's log line
 * still shows up while the process runs, within a fraction of a second, and the lines still waiting
 * when the process is stopped are written before it exits.
 */
class GatewayRequestLogIT {
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Process gateway;

  @AfterEach
  void stop() throws InterruptedException {
    http.close();
    if (gateway != null) {
      gateway.destroyForcibly();
      gateway.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRequestIsLoggedWhileTheGatewayRunsAndTheLastOnesAreWrittenWhenItStops() throws Exception {
    Path log = dir.resolve("gateway.log");
    // no --address: a local gateway listens on loopback unless told otherwise
    ProcessBuilder builder =
        new ProcessBuilder(KubeherdJvm.command("gateway", "--local", "--port", "0"))
            .redirectError(log.toFile());
    builder.environment().put("KUBEHERD_HOME", dir.resolve("home").toString());
    builder.environment().remove("KUBEHERD_GATEWAY_ADDRESS");
    gateway = builder.start();
    KubeherdJvm.Listening listening = KubeherdJvm.gatewayListening(gateway, log);
    assertThat(listening.address()).isEqualTo("127.0.0.1");
    int port = listening.port();

    assertThat(ping(port, "log-first")).isEqualTo(200);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Files.readString(log).contains("delivery=log-first") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Files.readString(log)).contains("POST /events/github 200").contains("log-first");

    assertThat(ping(port, "log-last")).isEqualTo(200);
    gateway.destroy(); // SIGTERM: shutdown hooks run
    assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(log)).contains("delivery=log-last");
  }

  private int ping(int port, String delivery) throws Exception {
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events/github"))
            .header("X-GitHub-Event", "ping")
            .header("X-GitHub-Delivery", delivery)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"zen\":\"Keep it logically awesome.\"}"))
            .build();
    return http.send(ping, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
