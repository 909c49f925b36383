package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StdoutTerminal;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.toolkit.DurationConverter;
import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.toolkit.config.DurationSyntax;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brig term}: v1's brigadeterm was a terminal UI over the API server; this is a plain screen
 * of the projects and their latest builds, read from the stores {@code brig project list} and
 * {@code brig build list} use, redrawn every {@code --reload-interval} on a terminal; printed once,
 * without escape codes, when standard output is not one (a pipe, a file, CI).
 */
@Command(
    name = "term",
    description = {
      "Show the projects and their latest builds (ID, event, phase, age) on the terminal,"
          + " redrawn every --reload-interval until Ctrl-C.",
      "When standard output is not a terminal (a pipe, a file, CI), prints the screen once,"
          + " without escape codes, and exits.",
      "Works in both modes, on the same projects and builds as 'brig project list' and 'brig build"
          + " list'."
    })
public final class TermCommand extends StoreCommand {

  @Option(
      names = "--reload-interval",
      paramLabel = "DURATION",
      defaultValue = "3s",
      converter = DurationConverter.class,
      description = "How often to redraw: 500ms, 3s, 1m… (default: ${DEFAULT-VALUE}).")
  Duration reloadInterval;

  /** Whether standard output is a terminal to redraw on; tests replace it. */
  BooleanSupplier terminal = new StdoutTerminal();

  public TermCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    if (reloadInterval.isZero() || reloadInterval.isNegative()) {
      throw new CliException("--reload-interval must be more than 0: e.g. 3s");
    }
    String where = app.cluster().map(c -> "namespace " + c.namespace()).orElse("the local store");
    if (!terminal.getAsBoolean()) {
      out().print(once(where));
      return;
    }
    while (!Thread.currentThread().isInterrupted()) {
      out().print(TermScreen.CLEAR + frame(where));
      out().flush();
      try {
        Thread.sleep(reloadInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The screen for a pipe or file.
   *
   * @throws CliException saying what could not be read
   */
  private String once(String where) {
    try {
      return TermScreen.renderOnce(
          where, app.projects().list(), app.builds().list(Optional.empty()), app.clock().instant());
    } catch (KubeherdException | KubernetesClientException e) {
      throw new CliException(
          "could not read the projects and builds of " + where + ": " + e.getMessage(), e);
    }
  }

  /** The screen, or what failed and that it is retried (an API server may come back). */
  private String frame(String where) {
    try {
      return TermScreen.render(
          where,
          reloadInterval,
          app.projects().list(),
          app.builds().list(Optional.empty()),
          app.clock().instant());
    } catch (KubeherdException | KubernetesClientException e) {
      return "brig term: could not read the projects and builds of "
          + where
          + ": "
          + e.getMessage()
          + "\nretrying every "
          + DurationSyntax.format(reloadInterval)
          + ", Ctrl-C quits\n";
    }
  }
}
