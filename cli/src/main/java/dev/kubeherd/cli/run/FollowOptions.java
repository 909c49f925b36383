package dev.kubeherd.cli.run;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.JobRuntimeOption;
import dev.kubeherd.core.model.Build;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How {@code run} and {@code rerun} follow the build they create: not at all ({@code -b}), or with
 * v1's progress display and colours unless turned off; and, locally, which job runtime.
 */
public final class FollowOptions {
  @Option(
      names = {"-b", "--background"},
      description = "Create the build and exit without running or waiting for it.")
  boolean background;

  @Option(
      names = "--no-progress",
      description = "Print the worker log as is, without collapsing job phase lines.")
  boolean noProgress;

  @Option(names = "--no-color", description = "Remove colour codes from the worker log.")
  boolean noColor;

  @Mixin JobRuntimeOption runtime;

  /** Prints the build's ID ({@code -b}) or follows it to its end; a failed build is exit 2. */
  void finish(BrigApp app, Build build, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    Foreground.finish(
        app,
        build,
        background,
        out,
        err,
        Foreground.printer(out, noProgress, noColor),
        runtime.runtime());
  }
}
