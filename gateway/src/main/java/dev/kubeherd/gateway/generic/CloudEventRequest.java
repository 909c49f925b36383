package dev.kubeherd.gateway.generic;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the gateway read from an HTTP request carrying a CloudEvent.
 *
 * @param contentType the {@code Content-Type} header, {@code ""} when absent
 * @param ceHeaders the {@code ce-*} headers by lower-case name (binary mode's attributes)
 * @param body the raw body (not copied: bodies may be megabytes)
 */
public record CloudEventRequest(String contentType, Map<String, String> ceHeaders, byte[] body) {

  public CloudEventRequest {
    contentType = contentType == null ? "" : contentType;
    TreeMap<String, String> lower = new TreeMap<>();
    ceHeaders.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    ceHeaders = Map.copyOf(lower);
  }

  /** A {@code ce-*} header, {@code ""} when absent. */
  String header(String name) {
    return ceHeaders.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  /** The media type without parameters, lower-cased. */
  String mediaType() {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.trim().toLowerCase(Locale.ROOT);
  }
}
