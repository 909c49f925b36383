package dev.kubeherd.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
  private static final String V02 =
      "{\"specversion\":\"0.2\",\"id\":\"1\",\"type\":\"t\",\"source\":\"/s\","
          + "\"data\":{\"ref\":\"main\",\"commit\":\"abc\"}}";
  private static final String V1 = V02.replace("\"0.2\"", "\"1.0\"");

  private static CloudEventRequest structured(String contentType, String body) {
    return new CloudEventRequest(contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8));
  }

  private static CloudEvent read(CloudEventVersion version, String body) {
    return CloudEvents.read(version, structured("application/json", body));
  }

  @Test
  void structuredV02EventMapsToACloudeventBuildWithTheWholeBodyAsPayload() {
    CloudEvent event = read(CloudEventVersion.V02, V02);

    BuildRequest build = CloudEvents.toBuild("brigade-p", event);

    assertThat(build.type()).isEqualTo("cloudevent");
    assertThat(build.provider()).isEqualTo("GenericWebhook");
    assertThat(build.revision()).isEqualTo(new Revision("abc", "main"));
    assertThat(build.payload()).isEqualTo(V02);
  }

  @Test
  void eventWithoutUsableDataBuildsMaster() {
    for (String data : new String[] {"", ",\"data\":\"text\"", ",\"data\":{\"ref\":7}"}) {
      String body =
          "{\"specversion\":\"0.2\",\"id\":\"1\",\"type\":\"t\",\"source\":\"/s\"" + data + "}";

      BuildRequest build = CloudEvents.toBuild("brigade-p", read(CloudEventVersion.V02, body));

      assertThat(build.revision()).as(data).isEqualTo(Revision.ofRef("master"));
    }
  }

  @Test
  void everyRequiredAttributeMustBeNonEmpty() {
    for (String attribute : new String[] {"id", "type", "source", "specversion"}) {
      String body = V02.replace("\"" + attribute + "\":", "\"x-" + attribute + "\":");

      assertThatThrownBy(() -> read(CloudEventVersion.V02, body))
          .as(attribute)
          .hasMessage("CloudEvent should have non empty type, specversion, source, id");
    }
    assertThatThrownBy(
            () -> read(CloudEventVersion.V02, V02.replace("\"id\":\"1\"", "\"id\":\"\"")))
        .hasMessage("CloudEvent should have non empty type, specversion, source, id");
  }

  @Test
  void eachRouteTakesOnlyItsSpecVersion() {
    assertThatThrownBy(() -> read(CloudEventVersion.V02, V1))
        .hasMessage("Brigade supports only '0.2' as CloudEvent specversion");
    assertThatThrownBy(() -> read(CloudEventVersion.V1, V02)).hasMessageContaining("'1.0'");
    assertThat(read(CloudEventVersion.V1, V1).specVersion()).isEqualTo("1.0");
  }

  @Test
  void bodyThatIsNotAJsonObjectIsMalformed() {
    for (String body : new String[] {"{oops", "[]", "", "{\"id\":5}"}) {
      assertThatThrownBy(() -> read(CloudEventVersion.V02, body))
          .as(body)
          .isInstanceOf(MalformedEventException.class)
          .hasMessage("Malformed POST data - Invalid JSON");
    }
  }

  @Test
  void dataBase64IsDecodedForTheRevision() {
    String data =
        Base64.getEncoder().encodeToString("{\"ref\":\"dev\"}".getBytes(StandardCharsets.UTF_8));
    String body =
        "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\",\"source\":\"/s\","
            + "\"data_base64\":\""
            + data
            + "\"}";

    CloudEvent event =
        CloudEvents.read(CloudEventVersion.V1, structured("application/cloudevents+json", body));

    assertThat(CloudEvents.toBuild("brigade-p", event).revision()).isEqualTo(Revision.ofRef("dev"));
  }

  @Test
  void binaryModeReadsCeHeadersInAnyCaseAndTheBodyAsData() {
    CloudEventRequest request =
        new CloudEventRequest(
            "application/json",
            Map.of("CE-SpecVersion", "1.0", "ce-id", "9", "Ce-Type", "t", "ce-source", "/s"),
            "{\"commit\":\"f00\"}".getBytes(StandardCharsets.UTF_8));

    CloudEvent event = CloudEvents.read(CloudEventVersion.V1, request);

    assertThat(event.id()).isEqualTo("9");
    assertThat(event.payload()).isEqualTo("{\"commit\":\"f00\"}");
    assertThat(CloudEvents.toBuild("brigade-p", event).revision())
        .isEqualTo(new Revision("f00", ""));
  }

  @Test
  void binaryModeDataNeedNotBeJson() {
    CloudEventRequest request =
        new CloudEventRequest(
            "text/plain",
            Map.of("ce-specversion", "1.0", "ce-id", "9", "ce-type", "t", "ce-source", "/s"),
            "hello".getBytes(StandardCharsets.UTF_8));

    CloudEvent event = CloudEvents.read(CloudEventVersion.V1, request);

    assertThat(CloudEvents.toBuild("brigade-p", event).revision())
        .isEqualTo(Revision.ofRef("master"));
    assertThat(event.payload()).isEqualTo("hello");
  }

  @Test
  void aCloudEventsContentTypeMeansStructuredEvenWithCeHeaders() {
    CloudEventRequest request =
        new CloudEventRequest(
            "application/cloudevents+json",
            Map.of("ce-specversion", "0.2"),
            V1.getBytes(StandardCharsets.UTF_8));

    assertThat(CloudEvents.read(CloudEventVersion.V1, request).specVersion()).isEqualTo("1.0");
  }

  @Test
  void batchesAreRefused() {
    assertThatThrownBy(
            () ->
                CloudEvents.read(
                    CloudEventVersion.V1, structured("application/cloudevents-batch+json", "[]")))
        .hasMessageContaining("one event per request");
  }

  @Test
  void deliveryKeyIsTheSameForTheSameProjectSourceAndIdOnly() {
    CloudEvent event = read(CloudEventVersion.V02, V02);
    String key = CloudEvents.deliveryKey("brigade-p", event);

    assertThat(key).matches("cloudevent-[0-9a-f]{54}");
    assertThat(CloudEvents.deliveryKey("brigade-p", read(CloudEventVersion.V02, V02)))
        .isEqualTo(key);
    assertThat(CloudEvents.deliveryKey("brigade-q", event)).isNotEqualTo(key);
    assertThat(
            CloudEvents.deliveryKey(
                "brigade-p", read(CloudEventVersion.V02, V02.replace("\"/s\"", "\"/s2\""))))
        .isNotEqualTo(key);
    assertThat(
            CloudEvents.deliveryKey(
                "brigade-p",
                read(CloudEventVersion.V02, V02.replace("\"id\":\"1\"", "\"id\":\"2\""))))
        .isNotEqualTo(key);
  }

  @Test
  void deliveryKeyDoesNotConfuseWhereSourceEndsAndIdStarts() {
    CloudEvent a = new CloudEvent("0.2", "bc", "/a", "t", null, "");
    CloudEvent b = new CloudEvent("0.2", "c", "/ab", "t", null, "");

    assertThat(CloudEvents.deliveryKey("brigade-p", a))
        .isNotEqualTo(CloudEvents.deliveryKey("brigade-p", b));
  }
}
