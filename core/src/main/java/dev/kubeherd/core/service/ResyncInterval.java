package dev.kubeherd.core.service;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's {@code kubeherd.resyncInterval}: a whole number with {@code s}, {@code m}, {@code h}
 * or {@code d} ({@code 6h}), or an ISO-8601 duration ({@code PT6H}); at least one minute.
 */
public final class ResyncInterval {
  static final Duration MINIMUM = Duration.ofMinutes(1);
  private static final Pattern SHORT = Pattern.compile("(\\d+)([smhd])");

  private ResyncInterval() {}

  /**
   * @return empty when the project has no interval
   * @throws IllegalArgumentException when the value is not a duration of at least a minute
   */
  public static Optional<Duration> of(Project project) {
    return project
        .get(ProjectKeys.RESYNC_INTERVAL)
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .map(v -> parse(v, project.name()));
  }

  static Duration parse(String value, String project) {
    Duration d;
    Matcher m = SHORT.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d =
          switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
    } else {
      try {
        d = Duration.parse(value);
      } catch (DateTimeParseException e) {
        throw invalid(value, project);
      }
    }
    if (d.compareTo(MINIMUM) < 0) {
      throw invalid(value, project);
    }
    return d;
  }

  private static IllegalArgumentException invalid(String value, String project) {
    return new IllegalArgumentException(
        "project "
            + project
            + ": "
            + ProjectKeys.RESYNC_INTERVAL
            + " '"
            + value
            + "' is not a duration of at least 1m (use e.g. 30m, 6h, 1d or PT6H)");
  }
}
