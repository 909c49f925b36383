package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.BuildFailedException;
import dev.kubeherd.cli.JobRuntime;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import java.io.PrintWriter;

/**
 * What {@code run} and {@code rerun} do with a build they created: print its ID and stop ({@code
 * -b}), or take it to its end and turn a failed build into exit code 2, with the build's status
 * message (why it failed) on stderr.
 */
final class Foreground {
  private Foreground() {}

  static void finish(
      BrigApp app,
      Build build,
      boolean background,
      PrintWriter out,
      PrintWriter err,
      LinePrinter printer,
      JobRuntime runtime)
      throws InterruptedException {
    if (background) {
      out.println("Build: " + build.id() + ", Worker: " + build.workerName());
      if (app.runsWorkers()) {
        err.println(pendingLocally(build.id()));
      }
      return;
    }
    BuildStatus status = new BuildRunner(app, out, err, printer, runtime).run(build);
    if (status.phase() == BuildPhase.FAILED || status.phase() == BuildPhase.UNKNOWN) {
      if (!status.message().isEmpty()) {
        err.println(status.message()); // why it failed, e.g. the local server stopped it
        err.flush();
      }
      throw new BuildFailedException(build.id());
    }
  }

  /**
   * Local mode's word on a {@code -b} build (stderr; stdout stays v1's): nothing in this process
   * runs it, only a local server on the same home does ({@code kubeherd serve --local} polls for
   * pending builds). A server there leaves no lock or pid file to check, so this names both cases.
   */
  static String pendingLocally(String buildId) {
    return "Build "
        + buildId
        + " waits for a local server on this KUBEHERD_HOME: if none is running, start one with"
        + " `kubeherd server --local` (`--once` runs what is pending and exits), then `brig"
        + " --local build logs "
        + buildId
        + "`";
  }

  /** The printer the {@code --no-progress} and {@code --no-color} flags ask for. */
  static LinePrinter printer(PrintWriter out, boolean noProgress, boolean noColor) {
    LinePrinter base =
        noProgress ? LinePrinter.raw(out) : new ProgressPrinter(out, Ticker.onTerminal());
    return noColor ? base.decolorized() : base;
  }
}
