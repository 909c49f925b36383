package dev.kubeherd.kube.brigade;

import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The string values of a Secret. A real API server folds {@code stringData} into {@code data}; the
 * fabric8 mock server and documents read from files do not, so readers merge both ({@code
 * stringData} wins, as it does on a server).
 */
final class SecretData {
  private SecretData() {}

  /**
   * @throws IllegalArgumentException naming the key when a {@code data} value is not base64
   */
  static Map<String, String> decode(Secret secret) {
    Map<String, String> out = new LinkedHashMap<>();
    Base64.Decoder b64 = Base64.getDecoder();
    if (secret.getData() != null) {
      secret
          .getData()
          .forEach(
              (k, v) -> {
                try {
                  String clean = v == null ? "" : v.replaceAll("\\s", "");
                  out.put(k, new String(b64.decode(clean), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                  throw new IllegalArgumentException("data." + k + " is not valid base64", e);
                }
              });
    }
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> out.put(k, v == null ? "" : v));
    }
    return out;
  }

  /** Values as base64 {@code data}, keys sorted. */
  static Map<String, String> encode(Map<String, String> values) {
    Map<String, String> out = new TreeMap<>();
    Base64.Encoder b64 = Base64.getEncoder();
    values.forEach((k, v) -> out.put(k, b64.encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return out;
  }

  static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
