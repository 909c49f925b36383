package dev.kubeherd.cli.toolkit;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@link DurationConverter} duration that must be more than zero: an interval to wait between
 * looks, where zero would spin and a negative one fails later with a less helpful message.
 */
public final class PositiveDurationConverter implements ITypeConverter<Duration> {
  private final DurationConverter durations = new DurationConverter();

  @Override
  public Duration convert(String value) {
    Duration duration = durations.convert(value);
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException(
          "'" + value + "' is not more than zero: use e.g. 500ms, 1s, 2m or PT1S");
    }
    return duration;
  }
}
