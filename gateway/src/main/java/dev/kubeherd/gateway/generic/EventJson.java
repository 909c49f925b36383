package dev.kubeherd.gateway.generic;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.BodyText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** JSON reading shared by the generic gateway's mappings. Pure. */
final class EventJson {
  static final String INVALID_JSON = "Malformed POST data - Invalid JSON";
  static final String DEFAULT_REF = "master";

  private EventJson() {}

  /**
   * The whole body as one JSON value.
   *
   * @throws MalformedEventException with v1's "Invalid JSON" text when it is not JSON
   */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode node = Json.MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new MalformedEventException(INVALID_JSON);
      }
      return node;
    } catch (JacksonException e) {
      throw new MalformedEventException(INVALID_JSON, e);
    }
  }

  /** The body as JSON when it is JSON, else null (for CloudEvent data of any content type). */
  static JsonNode parseOrNull(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return parse(body);
    } catch (MalformedEventException e) {
      return null;
    }
  }

  /** A string property of an object, {@code ""} when absent or not a string. */
  static String text(JsonNode object, String name) {
    JsonNode node = object == null ? null : object.get(name);
    return node != null && node.isString() ? node.asString() : "";
  }

  /** The revision in {@code data}'s {@code commit} and {@code ref} strings, else ref master. */
  static Revision revisionOf(JsonNode data) {
    if (data == null || !data.isObject()) {
      return orMaster(new Revision("", ""));
    }
    return orMaster(new Revision(text(data, "commit"), text(data, "ref")));
  }

  /**
   * The revision as it is, or ref {@code master} when it names nothing: v1's default, without which
   * a checkout of an empty revision fails.
   */
  static Revision orMaster(Revision revision) {
    if (revision.commit().isEmpty() && revision.ref().isEmpty()) {
      return Revision.ofRef(DEFAULT_REF);
    }
    return revision;
  }

  static String utf8(byte[] body) {
    return BodyText.of(body);
  }
}
