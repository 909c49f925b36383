package dev.kubeherd.gateway;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link JsonReply}'s body as JSON. The gateways' own replies hold only text, flags and
 * lists of build IDs; those are written here directly, byte for byte as Jackson writes them,
 * because Jackson's per-call set-up cost more than the rest of the answer on the event loop (P4,
 * {@code docs/benchmarks.md}). Any other body (the dashboard's) goes to Jackson.
 */
final class ReplyJson {
  private ReplyJson() {}

  static byte[] encode(Map<String, Object> body) {
    StringBuilder out = new StringBuilder(128);
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> entry : body.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      if (!member(out, entry.getKey(), entry.getValue())) {
        return Json.MAPPER.writeValueAsBytes(body);
      }
    }
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean member(StringBuilder out, String name, Object value) {
    if (!JsonText.appendQuoted(out, name)) {
      return false;
    }
    out.append(':');
    return value(out, value);
  }

  /** Appends a value this class writes; false for any other. */
  private static boolean value(StringBuilder out, Object value) {
    if (value instanceof String text) {
      return JsonText.appendQuoted(out, text);
    }
    if (value instanceof Boolean flag) {
      out.append(flag.booleanValue());
      return true;
    }
    if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        if (!(list.get(i) instanceof String text) || !JsonText.appendQuoted(out, text)) {
          return false;
        }
      }
      out.append(']');
      return true;
    }
    return false;
  }
}
