package dev.kubeherd.gateway.generic;

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
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.LogCapture;
import dev.kubeherd.gateway.Loopback;
import dev.kubeherd.gateway.SwitchableBuildStore;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic gateway end to end over loopback HTTP, with real directory stores. */
class GenericGatewayTest {
  private static final String SECRET = "Gen3ricS3cret";
  private static final String ROCKET = ProjectIds.fromName("Acme/Rocket");
  private static final String OPEN = ProjectIds.fromName("Acme/Open");
  private static final String CLOUD_V02 =
      "{\"specversion\":\"0.2\",\"id\":\"evt-1\",\"type\":\"com.example.deployed\","
          + "\"source\":\"/ci/pipeline\",\"data\":{\"ref\":\"refs/heads/main\",\"commit\":\"abc\"}}";
  private static final String CLOUD_V1 = CLOUD_V02.replace("\"0.2\"", "\"1.0\"");

  @TempDir Path tmp;

  private SwitchableBuildStore builds;
  private Loopback gateway;

  @BeforeEach
  void start() throws Exception {
    LocalHome home = new LocalHome(tmp);
    DirectoryProjectStore projects = new DirectoryProjectStore(home);
    projects.create(
        new Project(
            ROCKET, "Acme/Rocket", "default", Map.of(ProjectKeys.GENERIC_GATEWAY_SECRET, SECRET)));
    projects.create(new Project(OPEN, "Acme/Open", "default", Map.of()));
    builds = new SwitchableBuildStore(new DirectoryBuildStore(home, Clock.systemUTC()));
    GenericReceiver receiver = new GenericReceiver(projects, builds, new DirectoryDeliveries(home));
    gateway = new Loopback(l -> List.of(new GenericGateway(l.vertx(), receiver, l.metrics())));
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  private static String simple(String project, String secret) {
    return "/simpleevents/v1/" + project + "/" + secret;
  }

  private static String cloud(String version, String project, String secret) {
    return "/cloudevents/" + version + "/" + project + "/" + secret;
  }

  private List<Build> stored() {
    return builds.list(Optional.empty());
  }

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
  void cloudEventV02IsStoredWithItsDataRevision() throws Exception {
    HttpResponse<String> response = gateway.post(cloud("v02", ROCKET, SECRET), CLOUD_V02);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(response.body()).path("status").asString())
        .isEqualTo("Success");
    Build build = builds.find(Loopback.buildIds(response).get(0)).orElseThrow();
    assertThat(build.request().type()).isEqualTo("cloudevent");
    assertThat(build.request().provider()).isEqualTo("GenericWebhook");
    assertThat(build.request().revision()).isEqualTo(new Revision("abc", "refs/heads/main"));
    assertThat(build.request().payload()).isEqualTo(CLOUD_V02);
  }

  @Test
  void cloudEventWithoutARequiredAttributeIs400WithV1sMessage() throws Exception {
    String noSource = CLOUD_V02.replace("\"source\":\"/ci/pipeline\",", "");

    HttpResponse<String> response = gateway.post(cloud("v02", ROCKET, SECRET), noSource);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"status\":\"CloudEvent should have non empty type, specversion, source, id\"}");
  }

  @Test
  void cloudEventOfAnotherVersionIs400OnTheV02Route() throws Exception {
    HttpResponse<String> response = gateway.post(cloud("v02", ROCKET, SECRET), CLOUD_V1);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo("{\"status\":\"Brigade supports only '0.2' as CloudEvent specversion\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void cloudEvent1InStructuredModeIsStored() throws Exception {
    HttpResponse<String> response =
        gateway.send(
            HttpRequest.newBuilder(gateway.uri(cloud("v1", ROCKET, SECRET)))
                .header("Content-Type", "application/cloudevents+json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(CLOUD_V1)));

    assertThat(response.statusCode()).isEqualTo(200);
    Build build = builds.find(Loopback.buildIds(response).get(0)).orElseThrow();
    assertThat(build.request().type()).isEqualTo("cloudevent");
    assertThat(build.request().revision()).isEqualTo(new Revision("abc", "refs/heads/main"));
    assertThat(build.request().payload()).isEqualTo(CLOUD_V1);
  }

  @Test
  void cloudEvent1InBinaryModeTakesHeadersAndTheBodyAsData() throws Exception {
    String data = "{\"ref\":\"v2.0.0\"}";

    HttpResponse<String> response = gateway.send(binary("evt-b", data));

    assertThat(response.statusCode()).isEqualTo(200);
    Build build = builds.find(Loopback.buildIds(response).get(0)).orElseThrow();
    assertThat(build.request().type()).isEqualTo("cloudevent");
    assertThat(build.request().revision()).isEqualTo(Revision.ofRef("v2.0.0"));
    assertThat(build.request().payload()).isEqualTo(data);
  }

  @Test
  void sameCloudEventTwiceIsOneBuildAnsweredWithTheSameId() throws Exception {
    HttpResponse<String> first = gateway.post(cloud("v02", ROCKET, SECRET), CLOUD_V02);
    HttpResponse<String> second = gateway.post(cloud("v02", ROCKET, SECRET), CLOUD_V02);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Loopback.buildIds(second)).hasSize(1).isEqualTo(Loopback.buildIds(first));
    assertThat(Json.MAPPER.readTree(second.body()).path("duplicate").asBoolean()).isTrue();
    assertThat(stored()).hasSize(1);
  }

  @Test
  void sameCloudEventFromEightThreadsAtOnceIsOneBuild() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<HttpResponse<String>>> sends = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        sends.add(() -> gateway.send(binary("evt-race", "{}")));
      }
      List<List<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(sends)) {
        assertThat(f.get().statusCode()).isEqualTo(200);
        answers.add(Loopback.buildIds(f.get()));
      }

      assertThat(answers).allSatisfy(ids -> assertThat(ids).isEqualTo(answers.get(0)));
      assertThat(stored()).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
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

  private HttpRequest.Builder binary(String id, String data) {
    return HttpRequest.newBuilder(gateway.uri(cloud("v1", ROCKET, SECRET)))
        .header("Content-Type", "application/json")
        .header("ce-specversion", "1.0")
        .header("ce-id", id)
        .header("ce-source", "urn:example:registry")
        .header("ce-type", "com.example.pushed")
        .POST(HttpRequest.BodyPublishers.ofString(data));
  }
}
