package dev.kubeherd.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A TCP port to listen on: 1 to 65535, or 0 for any free one. */
public final class PortConverter implements ITypeConverter<Integer> {
  static final int MAX = 65_535;

  @Override
  public Integer convert(String value) {
    int port;
    try {
      port = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(notAPort(value));
    }
    if (port < 0 || port > MAX) {
      throw new TypeConversionException(notAPort(value));
    }
    return port;
  }

  private static String notAPort(String value) {
    return "'" + value + "' is not a port: use 1 to " + MAX + ", or 0 for any free port";
  }
}
