package dev.kubeherd.controller;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations as the v1 tools wrote them (Go syntax: {@code 720h}, {@code 1h30m}, {@code
 * 1.5s}, {@code 250ms}, {@code 0}) or as ISO-8601 ({@code PT1H}).
 */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /**
   * @throws IllegalArgumentException when {@code text} is neither form
   */
  static Duration parse(String text) {
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration", e);
      }
    }
    Matcher m = PART.matcher(s);
    long nanos = 0;
    int at = 0;
    try {
      while (at < s.length() && m.find(at) && m.start() == at) {
        BigDecimal part = new BigDecimal(m.group(1)).multiply(unitNanos(m.group(2)));
        nanos = Math.addExact(nanos, part.setScale(0, RoundingMode.DOWN).longValueExact());
        at = m.end();
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
    }
    if (at == 0 || at != s.length()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write it like 720h, 90m, 30s or 1h30m");
    }
    return Duration.ofNanos(nanos);
  }

  private static BigDecimal unitNanos(String unit) {
    long n =
        switch (unit) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    return BigDecimal.valueOf(n);
  }

  /** A duration as the settings are written: {@code 10m}, {@code 1h30m}, {@code 250ms}. */
  static String display(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    StringBuilder out = new StringBuilder();
    long h = d.toHours();
    long m = d.toMinutesPart();
    long s = d.toSecondsPart();
    long ms = d.toMillisPart();
    append(out, h, "h");
    append(out, m, "m");
    append(out, s, "s");
    append(out, ms, "ms");
    return out.isEmpty() ? d.toString() : out.toString();
  }

  private static void append(StringBuilder out, long n, String unit) {
    if (n > 0) {
      out.append(n).append(unit);
    }
  }
}
