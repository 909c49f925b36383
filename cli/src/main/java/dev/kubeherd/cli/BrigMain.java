package dev.kubeherd.cli;

import java.time.Clock;
import java.util.function.Function;
import picocli.CommandLine;

/** The {@code brig} process: wires local mode from the environment and exits with the code. */
public final class BrigMain {
  private BrigMain() {}

  public static void main(String[] args) {
    System.exit(run(BrigApp::brig, args));
  }

  /** Runs one command tree of the local app; a wiring failure is an error line and exit 1. */
  static int run(Function<BrigApp, CommandLine> tree, String[] args) {
    BrigApp app;
    try {
      app = BrigApp.fromEnvironment(System.getenv(), Clock.systemUTC());
    } catch (RuntimeException e) {
      System.err.println("Error: " + e.getMessage());
      return ExitCodes.ERROR;
    }
    return tree.apply(app).execute(args);
  }
}
