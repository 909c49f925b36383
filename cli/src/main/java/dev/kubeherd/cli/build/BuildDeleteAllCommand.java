package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.UnreadableEntries;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.UnreadableEntry;
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
 * project are found by its ID or name. Builds that cannot be read are deleted with {@code --force}
 * when their project is known; the others are named.
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
    List<UnreadableEntry> unreadable = UnreadableEntries.in(app.builds());
    List<UnreadableEntry> unreadableOfIt = ofProject(unreadable, projectId);
    if (force) {
      for (UnreadableEntry b : unreadableOfIt) {
        app.builds().delete(b.id());
        deleted++;
        verbose("deleted unreadable build " + b.id() + " (" + b.location() + ")");
      }
    }
    err().println("Deleted " + deleted + " build(s) of " + projectId + skippedNote(skipped));
    if (!force && !unreadableOfIt.isEmpty()) {
      err()
          .println(
              "Skipped "
                  + unreadableOfIt.size()
                  + " build(s) of it that cannot be read: "
                  + UnreadableEntries.named(unreadableOfIt, UnreadableEntry::id)
                  + ". Use --force to delete them too.");
    }
    unattributed(unreadable);
    if (!errors.isEmpty()) {
      throw new CliException(
          "could not delete " + errors.size() + " build(s):\n  " + String.join("\n  ", errors));
    }
  }

  private static List<UnreadableEntry> ofProject(List<UnreadableEntry> builds, String projectId) {
    return builds.stream().filter(b -> b.projectId().equals(Optional.of(projectId))).toList();
  }

  /** Names the unreadable builds whose project is unknown: they may be this project's. */
  private void unattributed(List<UnreadableEntry> unreadable) {
    List<UnreadableEntry> unknown =
        unreadable.stream().filter(b -> b.projectId().isEmpty()).toList();
    if (!unknown.isEmpty()) {
      err()
          .println(
              unknown.size()
                  + " build(s) cannot be read, so their project is unknown and they were left: "
                  + UnreadableEntries.named(unknown, UnreadableEntry::id)
                  + ". Delete each with 'brig build delete --force ID'.");
    }
  }

  private static String skippedNote(int skipped) {
    return skipped == 0
        ? "."
        : "; skipped " + skipped + " pending or running build(s). Use --force to delete them too.";
  }
}
