package dev.kubeherd.cli.project;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.UnreadableEntry;
import dev.kubeherd.core.secret.DocumentFormat;
import dev.kubeherd.core.secret.ProjectSecretCodec;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code brig project delete PROJECT}: deletes the project (not its builds). An unknown project is
 * not an error, as in v1; {@code -v} says so. A project whose stored form cannot be read is deleted
 * too, saying which file it was.
 */
@Command(name = "delete", aliases = "rm", description = "Delete a project (its builds stay).")
public final class ProjectDeleteCommand extends StoreCommand {

  @Parameters(paramLabel = "PROJECT", description = "Project name or ID.")
  String project;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write the project Secret to FILE as JSON before deleting it.")
  Path backup;

  @Option(
      names = {"-D", "--dry-run"},
      description = "Say what would be deleted, but delete nothing.")
  boolean dryRun;

  public ProjectDeleteCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Optional<Project> found;
    try {
      found = app.projects().find(project);
    } catch (UnreadableEntryException e) {
      deleteUnreadable(e.entry(), e);
      return;
    }
    if (found.isEmpty()) {
      verbose("project \"" + project + "\" does not exist; nothing to delete");
      return;
    }
    Project p = found.get();
    if (backup != null) {
      TextFiles.write(
          backup, new ProjectSecretCodec().write(p, DocumentFormat.JSON), "project backup");
    }
    if (dryRun) {
      out().println("Would delete project " + p.id() + " (" + p.name() + ")");
      return;
    }
    app.projects().delete(p.id());
    verbose("deleted project " + p.id());
  }

  /** A project whose file cannot be read is deleted by its ID; there is nothing to back up. */
  private void deleteUnreadable(UnreadableEntry p, UnreadableEntryException e) {
    if (backup != null) {
      throw new CliException(
          "cannot write a backup of project "
              + p.id()
              + ": "
              + p.problem()
              + ". Copy "
              + p.location()
              + " by hand if you want to keep it, then delete the project without -o",
          e);
    }
    if (dryRun) {
      out().println("Would delete unreadable project " + p.id() + " (" + p.location() + ")");
      return;
    }
    app.projects().delete(p.id());
    err().println("Deleted unreadable project " + p.id() + " (" + p.location() + ")");
  }
}
