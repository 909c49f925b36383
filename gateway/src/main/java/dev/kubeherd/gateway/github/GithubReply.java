package dev.kubeherd.gateway.github;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTTP answer to one delivery: a status code and a small JSON object. Bodies use the v1 keys
 * ({@code status} or {@code message}); stored builds are listed under {@code builds}.
 */
public record GithubReply(int status, Map<String, Object> body) {

  public GithubReply {
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  static GithubReply status(int code, String status) {
    return new GithubReply(code, Map.of("status", status));
  }

  static GithubReply message(int code, String message) {
    return new GithubReply(code, Map.of("message", message));
  }

  static GithubReply complete(List<String> buildIds, boolean duplicate) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "Complete");
    body.put("builds", List.copyOf(buildIds));
    if (duplicate) {
      body.put("duplicate", true);
    }
    return new GithubReply(200, body);
  }
}
