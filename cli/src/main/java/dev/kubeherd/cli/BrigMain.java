package dev.kubeherd.cli;

import java.time.Clock;
import java.util.List;
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
    CommandLine line = tree.apply(app);
    CommandLine.IExecutionStrategy strategy = line.getExecutionStrategy();
    return line.setExecutionStrategy(
            parsed -> {
              if (runsServer(parsed)) {
                BatchedStderr.install();
              }
              return strategy.execute(parsed);
            })
        .execute(args);
  }

  /** Whether the command the arguments name is a {@link LongRunning} one (not its help). */
  static boolean runsServer(CommandLine.ParseResult parsed) {
    List<CommandLine> commands = parsed.asCommandLineList();
    CommandLine.ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    return commands.getLast().getCommand() instanceof LongRunning
        && !last.isUsageHelpRequested()
        && !last.isVersionHelpRequested();
  }
}
