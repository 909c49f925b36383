package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code brig build cancel BUILD_ID} (new in kubeherd): stops a build that has not finished. A
 * pending build is claimed by the cancel itself, so no worker can start it afterwards; a running
 * build is marked Failed, which its worker and the controller see and act on by stopping its jobs.
 * Cancelling a finished build changes nothing and is not an error.
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
    Build build = BuildIds.require(app.builds(), buildId);
    if (build.status().phase().isTerminal()) {
      err()
          .println(
              "Build "
                  + build.id()
                  + " already finished ("
                  + build.status().phase().display()
                  + "); nothing to cancel.");
      return;
    }
    boolean wasPending = app.builds().claim(build.id(), app.claimant());
    BuildStatus current = app.builds().find(build.id()).orElse(build).status();
    if (current.phase().isTerminal()) {
      err().println("Build " + build.id() + " finished before it could be cancelled.");
      return;
    }
    app.builds()
        .updateStatus(build.id(), current.finished(false, 130, app.clock().instant(), CANCELLED));
    out()
        .println(
            "Build " + build.id() + (wasPending ? " cancelled before it started." : " cancelled."));
  }
}
