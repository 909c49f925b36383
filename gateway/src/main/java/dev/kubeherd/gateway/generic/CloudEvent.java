package dev.kubeherd.gateway.generic;

import tools.jackson.databind.JsonNode;

/**
 * The parts of one CloudEvent the gateway uses, read from either HTTP mode.
 *
 * @param data the event data as JSON, or null when there is none or it is not JSON
 * @param payload what the build's payload becomes: the whole JSON envelope in structured mode, the
 *     body (the data) in binary mode
 */
public record CloudEvent(
    String specVersion, String id, String source, String type, JsonNode data, String payload) {

  public CloudEvent {
    specVersion = orEmpty(specVersion);
    id = orEmpty(id);
    source = orEmpty(source);
    type = orEmpty(type);
    payload = orEmpty(payload);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
