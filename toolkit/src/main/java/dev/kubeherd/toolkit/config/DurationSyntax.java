package dev.kubeherd.toolkit.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}, {@code 30d} or ISO-8601 ({@code
 * PT15S}).
 */
public final class DurationSyntax {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationSyntax() {}

  /**
   * @throws IllegalArgumentException naming the accepted forms when {@code value} is none of them
   */
  public static Duration parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Matcher m = SHORT.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofHours(n);
      };
    }
    try {
      return Duration.parse(value.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a duration: use e.g. 500ms, 15s, 2m, 1h, 30d or PT15S");
    }
  }

  /**
   * {@code duration} the short way when it is a whole number of one unit ({@code 30m}), else ISO.
   */
  public static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms <= 0 || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    String[] units = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return duration.toString();
  }
}
