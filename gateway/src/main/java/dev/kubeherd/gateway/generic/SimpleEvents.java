package dev.kubeherd.gateway.generic;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Maps a SimpleEvent to a build: an empty body, or a JSON object with optional {@code commit} and
 * {@code ref} strings (other keys are allowed and kept in the payload). The key match ignores case
 * and the last of repeated keys wins, and a JSON {@code null} body or value counts as absent, as v1
 * read the body. Type {@code simpleevent}, provider {@code GenericWebhook}, payload the raw body,
 * ref {@code master} when neither is given. Pure.
 */
public final class SimpleEvents {
  public static final String TYPE = "simpleevent";
  public static final String PROVIDER = "GenericWebhook";

  private SimpleEvents() {}

  /**
   * @throws MalformedEventException with v1's "Invalid JSON" text for anything else
   */
  public static BuildRequest map(String projectId, byte[] body) {
    Revision revision = EventJson.orMaster(revision(body));
    return BuildRequest.of(projectId, TYPE, PROVIDER)
        .withRevision(revision)
        .withPayload(EventJson.utf8(body));
  }

  static Revision revision(byte[] body) {
    if (body.length == 0) {
      return new Revision("", "");
    }
    JsonNode root = EventJson.parse(body);
    if (root.isNull()) {
      return new Revision("", "");
    }
    if (!root.isObject()) {
      throw new MalformedEventException(EventJson.INVALID_JSON);
    }
    String commit = "";
    String ref = "";
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equalsIgnoreCase("commit")) {
        commit = string(field.getValue(), commit);
      } else if (field.getKey().equalsIgnoreCase("ref")) {
        ref = string(field.getValue(), ref);
      }
    }
    return new Revision(commit, ref);
  }

  /** A string value, the current one for {@code null}; any other type is malformed. */
  private static String string(JsonNode value, String current) {
    if (value.isNull()) {
      return current;
    }
    if (!value.isString()) {
      throw new MalformedEventException(EventJson.INVALID_JSON);
    }
    return value.asString();
  }
}
