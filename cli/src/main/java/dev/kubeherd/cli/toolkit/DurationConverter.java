package dev.kubeherd.cli.toolkit;

import dev.kubeherd.toolkit.config.DurationSyntax;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as {@code 500ms}, {@code 15s}, {@code 2m}, {@code 1h}, {@code 30d} or ISO-8601 ({@code
 * PT15S}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationSyntax.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
