package dev.kubeherd.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.Loopback;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The generic gateway's CloudEvents routes (v0.2 and v1.0, structured and binary) end to end. */
class GenericGatewayCloudEventsTest extends GenericGatewayFixture {
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
}
