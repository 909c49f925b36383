package dev.kubeherd.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gateway's HTTP answer: a status code and a small JSON object in Brigade v1's shape ({@code
 * {"status":"..."}}), optionally with the stored build IDs under {@code builds} and {@code
 * "duplicate":true} when a resent event was answered with its earlier builds.
 */
public record JsonReply(int status, Map<String, Object> body) {

  public JsonReply {
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  /** {@code {"status": text}} with the given HTTP status. */
  public static JsonReply status(int code, String text) {
    return new JsonReply(code, Map.of("status", text));
  }

  /** {@code {"message": text}} with the given HTTP status (v1's GitHub ping and ignored events). */
  public static JsonReply message(int code, String text) {
    return new JsonReply(code, Map.of("message", text));
  }

  /** 200 {@code {"status": text, "builds": [...]}}, plus {@code "duplicate": true} if so. */
  public static JsonReply success(String text, List<String> buildIds, boolean duplicate) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", text);
    body.put("builds", List.copyOf(buildIds));
    if (duplicate) {
      body.put("duplicate", true);
    }
    return new JsonReply(200, body);
  }

  /** 503 telling the sender the build store is down and to resend the event later. */
  public static JsonReply storeUnavailable() {
    return status(
        503, "Build store unavailable; nothing was stored, resend this event once it is back");
  }
}
