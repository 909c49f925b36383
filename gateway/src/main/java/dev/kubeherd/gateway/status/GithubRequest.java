package dev.kubeherd.gateway.status;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One GitHub REST call: method, path below the API base URL ({@code /repos/o/r/statuses/sha}) and
 * JSON body (key order kept).
 */
record GithubRequest(String method, String path, Map<String, Object> body) {

  GithubRequest {
    body = Collections.unmodifiableMap(new LinkedHashMap<>(body));
  }

  static GithubRequest post(String path, Map<String, Object> body) {
    return new GithubRequest("POST", path, body);
  }

  static GithubRequest get(String path) {
    return new GithubRequest("GET", path, Map.of());
  }

  static GithubRequest patch(String path, Map<String, Object> body) {
    return new GithubRequest("PATCH", path, body);
  }

  /** For messages: {@code POST /repos/o/r/statuses/sha}. */
  String describe() {
    return method + " " + path;
  }
}
