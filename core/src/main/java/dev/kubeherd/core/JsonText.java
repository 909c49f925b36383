package dev.kubeherd.core;

/**
 * JSON strings written by hand, escaped exactly as the process's Jackson mapper ({@link Json})
 * escapes them. For the few hot paths where Jackson's per-call set-up costs more than the text
 * itself (a gateway's answer, a journal entry's build; P4 in {@code docs/benchmarks.md}); anything
 * else uses {@link Json#MAPPER}.
 */
public final class JsonText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private JsonText() {}

  /**
   * Appends {@code text} as a quoted JSON string.
   *
   * @return false, having appended part of it, for a null or for text with a lone surrogate (whose
   *     spelling is Jackson's to decide): the caller then writes the whole value with Jackson
   */
  public static boolean appendQuoted(StringBuilder out, String text) {
    if (text == null) {
      return false;
    }
    out.append('"');
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c)) {
        out.append(c);
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        return false;
      } else {
        appendEscaped(out, c);
      }
    }
    out.append('"');
    return true;
  }

  private static void appendEscaped(StringBuilder out, char c) {
    switch (c) {
      case '"' -> out.append("\\\"");
      case '\\' -> out.append("\\\\");
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      case '\b' -> out.append("\\b");
      case '\f' -> out.append("\\f");
      default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
    }
  }
}
