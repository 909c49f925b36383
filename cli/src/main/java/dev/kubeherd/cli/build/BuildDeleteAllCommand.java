package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.model.Build;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brig build delete-all PROJECT}: deletes every finished build of a project; pending and
 * running builds are skipped (and counted) unless {@code --force}. One failing delete does not stop
 * the others; all failures are reported together and make the exit code 1. The builds of a deleted
 * project are found by its ID or name.
 */
@Command(name = "delete-all", description = "Delete all builds of a project.")
public final class BuildDeleteAllCommand extends StoreCommand {

  @Parameters(paramLabel = "PROJECT", description = "Project name or ID.")
  String project;

  @Option(names = "--force", description = "Also delete builds that are pending or running.")
  boolean force;

  public BuildDeleteAllCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    String projectId = projectIdWithBuilds(project); // a deleted project's builds too
    List<String> errors = new ArrayList<>();
    int deleted = 0;
    int skipped = 0;
    for (Build b : app.builds().list(Optional.of(projectId))) {
      if (!force && !b.status().phase().isTerminal()) {
        skipped++;
        continue;
      }
      try {
        app.builds().delete(b.id());
        deleted++;
        verbose("deleted build " + b.id());
      } catch (RuntimeException e) {
        errors.add("build " + b.id() + ": " + e.getMessage());
      }
    }
    err().println("Deleted " + deleted + " build(s) of " + projectId + skippedNote(skipped));
    if (!errors.isEmpty()) {
      throw new CliException(
          "could not delete " + errors.size() + " build(s):\n  " + String.join("\n  ", errors));
    }
  }

  private static String skippedNote(int skipped) {
    return skipped == 0
        ? "."
        : "; skipped " + skipped + " pending or running build(s). Use --force to delete them too.";
  }
}
