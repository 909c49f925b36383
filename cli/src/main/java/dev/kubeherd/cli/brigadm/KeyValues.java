package dev.kubeherd.cli.brigadm;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code k=v} options ({@code --secret}, {@code --env}) as a map, never null. */
final class KeyValues {
  private KeyValues() {}

  static Map<String, String> of(Map<String, String> given) {
    return given == null ? Map.of() : new LinkedHashMap<>(given);
  }
}
