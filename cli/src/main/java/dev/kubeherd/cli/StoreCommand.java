package dev.kubeherd.cli;

import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that work on projects and builds: checks the mode, then runs the command.
 * Output goes only through {@link #out()} and {@link #err()}; failures are thrown and turned into
 * messages and exit codes by the command line's handlers.
 */
public abstract class StoreCommand implements Callable<Integer> {
  protected final BrigApp app;

  @Spec protected CommandSpec spec;

  protected StoreCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public final Integer call() throws Exception {
    app.connect(global());
    execute();
    out().flush();
    err().flush();
    return ExitCodes.OK;
  }

  /** The command itself; throw {@link CliException} for user errors. */
  protected abstract void execute() throws Exception;

  protected GlobalOptions global() {
    return GlobalOptions.of(spec).orElseGet(GlobalOptions::new);
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /**
   * The project by name or ID.
   *
   * @throws CliException {@code could not find the project "<p>": ...} when there is none
   */
  protected Project requireProject(String nameOrId) {
    return app.projects()
        .find(nameOrId)
        .orElseThrow(
            () ->
                new CliException(
                    "could not find the project \""
                        + nameOrId
                        + "\": no project with ID "
                        + ProjectIds.fromName(nameOrId)));
  }

  /**
   * The ID of the project {@code nameOrId} names, or, when that project was deleted, the ID (given,
   * or derived from the name) that still has builds: the builds of a deleted project can still be
   * listed and deleted. Neither a project nor a build is an error.
   */
  protected String projectIdWithBuilds(String nameOrId) {
    Optional<Project> project;
    try {
      project = app.projects().find(nameOrId);
    } catch (UnreadableEntryException e) {
      return e.entry().id(); // its builds can be listed and deleted all the same
    }
    if (project.isPresent()) {
      return project.get().id();
    }
    for (String id : List.of(nameOrId, ProjectIds.fromName(nameOrId))) {
      if (!app.builds().list(Optional.of(id)).isEmpty()) {
        return id;
      }
    }
    throw new CliException(
        "could not find the project \""
            + nameOrId
            + "\": no project with ID "
            + ProjectIds.fromName(nameOrId)
            + ", and no builds of it");
  }

  /** Prints a line to stderr only with {@code --verbose}. */
  protected void verbose(String line) {
    if (global().verbose()) {
      err().println(line);
    }
  }
}
