package dev.kubeherd.gateway.generic;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectIds;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/**
 * Reads a CloudEvent from an HTTP request and maps it to a build. Structured mode: the body is the
 * JSON envelope ({@code id}, {@code source}, {@code type}, {@code specversion}, {@code data} or, in
 * 1.0, {@code data_base64}). Binary mode (a {@code ce-specversion} header and a content type that
 * is not a CloudEvents one): the attributes are {@code ce-*} headers and the body is the data. The
 * build: type {@code cloudevent}, provider {@code GenericWebhook}, revision from {@code
 * data.commit} / {@code data.ref} (ref {@code master} when neither is given), payload the raw body.
 * Pure.
 */
public final class CloudEvents {
  public static final String TYPE = "cloudevent";
  public static final String PROVIDER = SimpleEvents.PROVIDER;
  static final String MISSING = "CloudEvent should have non empty type, specversion, source, id";
  static final String BATCH_TYPE = "application/cloudevents-batch+json";
  static final String BATCH =
      "Batched CloudEvents (" + BATCH_TYPE + ") are not supported; send one event per request";
  private static final String DELIVERY_PREFIX = "cloudevent-";

  private CloudEvents() {}

  /**
   * The event in the request, checked against the route's spec version.
   *
   * @throws MalformedEventException when the body is not JSON (structured mode), a required
   *     attribute is empty or the spec version is not the route's
   */
  public static CloudEvent read(CloudEventVersion version, CloudEventRequest request) {
    if (request.mediaType().equals(BATCH_TYPE)) {
      throw new MalformedEventException(BATCH);
    }
    CloudEvent event = isBinary(request) ? binary(request) : structured(request.body());
    if (event.id().isEmpty()
        || event.type().isEmpty()
        || event.specVersion().isEmpty()
        || event.source().isEmpty()) {
      throw new MalformedEventException(MISSING);
    }
    if (!event.specVersion().equals(version.specVersion())) {
      throw new MalformedEventException(version.wrongVersion());
    }
    return event;
  }

  /** The build the event asks for. */
  public static BuildRequest toBuild(String projectId, CloudEvent event) {
    return BuildRequest.of(projectId, TYPE, PROVIDER)
        .withRevision(EventJson.revisionOf(event.data()))
        .withPayload(event.payload());
  }

  /**
   * The key under which the event is recorded as delivered: the same {@code source} and {@code id}
   * sent to the same project is the same event (the CloudEvents spec's identity). A hash, so it is
   * a safe file and object name whatever the sender put in the attributes.
   */
  public static String deliveryKey(String projectId, CloudEvent event) {
    String identity =
        projectId.length()
            + ":"
            + projectId
            + event.source().length()
            + ":"
            + event.source()
            + event.id();
    return DELIVERY_PREFIX + ProjectIds.shortSha(identity);
  }

  static boolean isBinary(CloudEventRequest request) {
    return !request.mediaType().startsWith("application/cloudevents")
        && !request.header("ce-specversion").isEmpty();
  }

  private static CloudEvent binary(CloudEventRequest request) {
    byte[] body = request.body();
    return new CloudEvent(
        request.header("ce-specversion"),
        request.header("ce-id"),
        request.header("ce-source"),
        request.header("ce-type"),
        EventJson.parseOrNull(body),
        EventJson.utf8(body));
  }

  private static CloudEvent structured(byte[] body) {
    JsonNode root = EventJson.parse(body);
    if (!root.isObject()) {
      throw new MalformedEventException(EventJson.INVALID_JSON);
    }
    return new CloudEvent(
        attribute(root, "specversion"),
        attribute(root, "id"),
        attribute(root, "source"),
        attribute(root, "type"),
        data(root),
        EventJson.utf8(body));
  }

  /** A string attribute, {@code ""} when absent or null; any other JSON type is malformed. */
  private static String attribute(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isString()) {
      throw new MalformedEventException(EventJson.INVALID_JSON);
    }
    return node.asString();
  }

  private static JsonNode data(JsonNode root) {
    JsonNode data = root.get("data");
    if (data != null) {
      return data;
    }
    String base64 = EventJson.text(root, "data_base64");
    if (base64.isEmpty()) {
      return null;
    }
    try {
      return EventJson.parseOrNull(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException("data_base64 is not valid base64", e);
    }
  }
}
