package dev.kubeherd.cli.ops;

import java.io.Console;
import java.util.function.BooleanSupplier;

/**
 * Whether standard output is a terminal, as brig's spinner tells ({@code cli.run.Ticker}): Java 21
 * has no console unless both ends are a terminal; from Java 22 the console is there anyway and
 * {@code isTerminal()} (looked up, as the build targets 21) tells.
 */
final class StdoutTerminal implements BooleanSupplier {
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
