package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.service.BuildCancel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code brig build cancel BUILD_ID} (new in kubeherd): stops a build that has not finished, with
 * {@link BuildCancel} (shared with the dashboard). Cancelling a finished build changes nothing and
 * is not an error.
 */
@Command(name = "cancel", description = "Cancel a pending or running build.")
public final class BuildCancelCommand extends StoreCommand {
  /** The message a cancelled build carries; workers and the controller look for terminal phases. */
  public static final String CANCELLED = "cancelled with brig build cancel";

  @Parameters(paramLabel = "BUILD_ID", description = "Build ID (or brigade-worker-<ID>).")
  String buildId;

  public BuildCancelCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    BuildCancel.Result result;
    try {
      result =
          new BuildCancel(app.builds(), app.clock(), app.orphanedJobs())
              .cancel(BuildIds.normalize(buildId), app.claimant(), CANCELLED);
    } catch (BuildNotFoundException e) {
      throw new CliException(e.getMessage(), e);
    }
    Build build = result.build();
    switch (result.outcome()) {
      case ALREADY_FINISHED ->
          err()
              .println(
                  "Build "
                      + build.id()
                      + " already finished ("
                      + build.status().phase().display()
                      + "); nothing to cancel.");
      case FINISHED_FIRST ->
          err().println("Build " + build.id() + " finished before it could be cancelled.");
      case CANCELLED_BEFORE_START ->
          out().println("Build " + build.id() + " cancelled before it started.");
      case CANCELLED -> out().println("Build " + build.id() + " cancelled.");
    }
  }
}
