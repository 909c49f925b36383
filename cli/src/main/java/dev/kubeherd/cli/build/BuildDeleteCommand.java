package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.UnreadableEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brig build delete ID}: deletes a finished build. A build that has not finished is skipped
 * (with a message, unlike v1's silence) unless {@code --force} is given; so is a build whose files
 * cannot be read.
 */
@Command(name = "delete", aliases = "rm", description = "Delete a build.")
public final class BuildDeleteCommand extends StoreCommand {

  @Parameters(paramLabel = "BUILD_ID", description = "Build ID (or brigade-worker-<ID>).")
  String buildId;

  @Option(names = "--force", description = "Delete the build even if it is pending or running.")
  boolean force;

  public BuildDeleteCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Build build;
    try {
      build = BuildIds.require(app.builds(), buildId);
    } catch (UnreadableEntryException e) {
      deleteUnreadable(e.entry(), e);
      return;
    }
    if (!force && !build.status().phase().isTerminal()) {
      err()
          .println(
              "Build "
                  + build.id()
                  + " is "
                  + build.status().phase().display()
                  + "; skipped. Use --force to delete a build that has not finished.");
      return;
    }
    app.builds().delete(build.id());
    verbose("deleted build " + build.id());
  }

  /** A build whose files cannot be read: its status is unknown, so only --force deletes it. */
  private void deleteUnreadable(UnreadableEntry build, UnreadableEntryException e) {
    if (!force) {
      throw new CliException(
          "build "
              + build.id()
              + " cannot be read, so whether it has finished is unknown: "
              + build.problem()
              + ". To delete it, run 'brig build delete --force "
              + build.id()
              + "'",
          e);
    }
    app.builds().delete(build.id());
    err().println("Deleted unreadable build " + build.id() + " (" + build.location() + ")");
  }
}
