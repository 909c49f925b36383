package dev.kubeherd.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.LogCapture;
import dev.kubeherd.gateway.Loopback;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The generic gateway end to end: simple events, secrets, limits, outages, logs and metrics. */
class GenericGatewayTest extends GenericGatewayFixture {
  @Test
  void simpleEventIsStoredBeforeTheV1Answer() throws Exception {
    String body = "{\"ref\":\"refs/heads/develop\",\"commit\":\"c0ffee\",\"extra\":[1,2]}";

    HttpResponse<String> response = gateway.post(simple(ROCKET, SECRET), body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).path("status").asString())
        .isEqualTo("Success. Build created");
    List<String> ids = Loopback.buildIds(response);
    assertThat(ids).hasSize(1);
    Build build = builds.find(ids.get(0)).orElseThrow();
    assertThat(build.projectId()).isEqualTo(ROCKET);
    assertThat(build.request().type()).isEqualTo("simpleevent");
    assertThat(build.request().provider()).isEqualTo("GenericWebhook");
    assertThat(build.request().revision()).isEqualTo(new Revision("c0ffee", "refs/heads/develop"));
    assertThat(build.request().payload()).isEqualTo(body);
    assertThat(build.request().script()).isEmpty();
  }

  @Test
  void aLargeBodySentAsAFormIsTakenAsItsRawBytesLikeAnyOther() throws Exception {
    // curl -d sends application/x-www-form-urlencoded; Vert.x's form decoder refused >8 KB
    String body = "{\"ref\":\"refs/heads/big\",\"notes\":\"" + "x".repeat(20_000) + "\"}";

    HttpResponse<String> response =
        gateway.send(
            HttpRequest.newBuilder(gateway.uri(simple(ROCKET, SECRET)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Build build = builds.find(Loopback.buildIds(response).get(0)).orElseThrow();
    assertThat(build.request().payload()).isEqualTo(body);
    assertThat(build.request().revision()).isEqualTo(Revision.ofRef("refs/heads/big"));
  }

  @Test
  void aChunkedBodyOverTheLimitIsRefusedWith413() throws Exception {
    byte[] chunk = new byte[1 << 20];
    long chunks = GenericGateway.BODY_LIMIT / chunk.length + 2;
    HttpResponse<String> response =
        gateway.send(
            HttpRequest.newBuilder(gateway.uri(simple(ROCKET, SECRET)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () ->
                            new SequenceInputStream(
                                Collections.enumeration(
                                    LongStream.range(0, chunks)
                                        .mapToObj(i -> new ByteArrayInputStream(chunk))
                                        .toList())))));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(stored()).isEmpty();
  }

  @Test
  void simpleEventWithAnEmptyBodyBuildsMaster() throws Exception {
    HttpResponse<String> response = gateway.post(simple(ROCKET, SECRET), "");

    assertThat(response.statusCode()).isEqualTo(200);
    Build build = builds.find(Loopback.buildIds(response).get(0)).orElseThrow();
    assertThat(build.request().revision()).isEqualTo(Revision.ofRef("master"));
    assertThat(build.request().payload()).isEmpty();
  }

  @Test
  void projectMayBeNamedInsteadOfItsId() throws Exception {
    HttpResponse<String> response = gateway.post(simple("Acme%2FRocket", SECRET), "");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(stored()).extracting(Build::projectId).containsExactly(ROCKET);
  }

  @Test
  void unknownProjectIs400ProjectNotFound() throws Exception {
    HttpResponse<String> response = gateway.post(simple("brigade-nope", SECRET), "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"status\":\"project not found\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void projectWithoutAGenericSecretRefusesEveryEventWithV1sMessage() throws Exception {
    HttpResponse<String> response = gateway.post(simple(OPEN, "anything"), "");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"secret for this Brigade Project is empty, refusing to serve, please"
                + " inform your Brigade admin\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void wrongSecretIs401AndNeverEchoed() throws Exception {
    HttpResponse<String> response = gateway.post(simple(ROCKET, "Wr0ngGuess"), "");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"status\":\"secret is wrong\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void simpleEventThatIsNotARevisionObjectIs400() throws Exception {
    for (String body : List.of("{oops", "[1]", "{\"ref\":5}", " ")) {
      HttpResponse<String> response = gateway.post(simple(ROCKET, SECRET), body);

      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.body()).isEqualTo("{\"status\":\"Malformed POST data - Invalid JSON\"}");
    }
    assertThat(stored()).isEmpty();
  }

  @Test
  void storeThatIsDownIs503AndAResendOnceItIsBackIsStoredOnce() throws Exception {
    builds.down(true);

    HttpResponse<String> down = gateway.post(cloud("v02", ROCKET, SECRET), CLOUD_V02);

    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(down.body()).contains("resend");
    assertThat(stored()).isEmpty();

    builds.down(false);
    HttpResponse<String> resent = gateway.post(cloud("v02", ROCKET, SECRET), CLOUD_V02);

    assertThat(resent.statusCode()).isEqualTo(200);
    assertThat(stored()).hasSize(1);
  }

  @Test
  void simpleEventWhileTheStoreIsDownIs503() throws Exception {
    builds.down(true);

    HttpResponse<String> response = gateway.post(simple(ROCKET, SECRET), "");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(stored()).isEmpty();
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndStoresNothing() throws Exception {
    String huge = "{\"pad\":\"" + "x".repeat((int) GenericGateway.BODY_LIMIT) + "\"}";

    HttpResponse<String> response = gateway.post(simple(ROCKET, SECRET), huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(stored()).isEmpty();
    assertThat(gateway.metrics().scrape())
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"simpleevent\",gateway=\"generic\","
                + "result=\"413\"} 1.0");
  }

  @Test
  void theSecretIsMaskedInTheRequestLog() throws Exception {
    try (LogCapture log = new LogCapture()) {
      gateway.post(simple(ROCKET, SECRET), "");
      gateway.post(cloud("v02", ROCKET, SECRET), "{oops");
      gateway.post(simple(ROCKET, SECRET) + "/extra", "");

      String text =
          log.await(
              t -> t.contains("/simpleevents/v1/" + ROCKET + "/*** 404"), Duration.ofSeconds(5));

      assertThat(text)
          .contains("POST /simpleevents/v1/" + ROCKET + "/*** 200")
          .contains("POST /cloudevents/v02/" + ROCKET + "/*** 400")
          .contains("POST /simpleevents/v1/" + ROCKET + "/*** 404")
          .doesNotContain(SECRET);
    }
  }

  /** Paths the router refuses are logged too, so masking must not depend on routing. */
  @Test
  void theSecretIsMaskedInTheRequestLogOfPathsTheRouterRefuses() throws Exception {
    List<String> paths =
        List.of(
            "/SimpleEvents/v1/" + ROCKET + "/" + SECRET,
            simple(ROCKET, SECRET) + "%zz",
            "/simpleevents%2Fv1%2F" + ROCKET + "%2F" + SECRET,
            "/%73impleevents/v1/" + ROCKET + "/" + SECRET,
            "//cloudevents/v1/" + ROCKET + "/" + SECRET);
    try (LogCapture log = new LogCapture()) {
      for (String path : paths) {
        assertThat(gateway.postRaw(path)).as(path).startsWith("HTTP/1.1 ");
      }
      String text =
          log.await(
              t -> t.lines().filter(l -> l.contains("POST /")).count() >= paths.size(),
              Duration.ofSeconds(5));

      assertThat(text).doesNotContain(SECRET).contains("/***");
    }
  }

  @Test
  void deliveriesAreCountedByEventAndResult() throws Exception {
    gateway.post(simple(ROCKET, SECRET), "");
    gateway.post(cloud("v02", ROCKET, "wrong"), CLOUD_V02);

    assertThat(gateway.metrics().scrape())
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"simpleevent\",gateway=\"generic\","
                + "result=\"200\"} 1.0")
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"cloudevent\",gateway=\"generic\","
                + "result=\"401\"} 1.0");
  }

  @Test
  void slowClientsDoNotHoldUpOtherEvents() throws Exception {
    List<Socket> stalled = gateway.stalledClients(20, simple(ROCKET, SECRET));
    try {
      long start = System.nanoTime();

      HttpResponse<String> response = gateway.post(simple(ROCKET, SECRET), "");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }
}
