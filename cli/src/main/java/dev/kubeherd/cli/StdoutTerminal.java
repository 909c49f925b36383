package dev.kubeherd.cli;

import java.io.Console;
import java.util.function.BooleanSupplier;

/**
 * Whether standard output is a terminal (brig's spinner, {@code brig term}): Java 21 has no console
 * unless both ends are a terminal; from Java 22 the console is there anyway and {@code
 * isTerminal()} (looked up, as the build targets 21) tells.
 */
public final class StdoutTerminal implements BooleanSupplier {
  @Override
  public boolean getAsBoolean() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
