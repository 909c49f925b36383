package dev.kubeherd.cli.project;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.TextFiles;
import dev.kubeherd.core.ProjectExistsException;
import dev.kubeherd.core.ProjectNotFoundException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.secret.DocumentFormat;
import dev.kubeherd.core.secret.InvalidProjectSecretException;
import dev.kubeherd.core.secret.ProjectSecretCodec;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brig project create}: creates (or with {@code -r} replaces) a project from a v1 project
 * Secret file, or from answers to brig v1's questions when no file is given.
 */
@Command(
    name = "create",
    description = "Create a project from a project Secret file, or from answers to questions.")
public final class ProjectCreateCommand extends StoreCommand {
  private final ProjectSecretCodec codec = new ProjectSecretCodec();

  @Option(
      names = {"-f", "--config"},
      paramLabel = "FILE",
      description = "Project Secret (YAML or JSON) to create the project from.")
  Path file;

  @Option(
      names = {"-x", "--no-prompts"},
      description = "Do not ask questions: take the defaults (or --from-project's values).")
  boolean noPrompts;

  @Option(
      names = {"-p", "--from-project"},
      paramLabel = "PROJECT",
      description = "Start the questions from this project's values (name or ID; not with -f).")
  String fromProject;

  @Option(
      names = {"-r", "--replace"},
      description = "Replace an existing project instead of creating a new one.")
  boolean replace;

  @Option(
      names = {"-D", "--dry-run"},
      description =
          "Check and print the project Secret, but do not store it: fails as the real run would"
              + " when the project exists (or, with --replace, does not).")
  boolean dryRun;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Also write the project Secret to FILE (YAML for .yaml/.yml, else JSON).")
  Path outFile;

  public ProjectCreateCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Project project = file == null ? answers() : read();
    err().println("Project ID: " + project.id());
    warnIfNotAnId(project);
    if (global().verbose() || dryRun) {
      out().print(codec.write(project, DocumentFormat.JSON));
    }
    if (outFile != null) {
      TextFiles.write(outFile, codec.write(project, formatOf(outFile)), "output");
    }
    if (dryRun) {
      checkSavable(project);
      err().println("Dry run: project " + project.id() + " not stored");
    } else {
      save(project);
    }
  }

  /** What {@link #save} would refuse, without storing anything. */
  private void checkSavable(Project project) {
    boolean exists = app.projects().find(project.id()).isPresent();
    if (replace && !exists) {
      throw notThereToReplace(project, null);
    }
    if (!replace && exists) {
      throw alreadyThere(project, null);
    }
  }

  private static CliException notThereToReplace(Project project, Exception cause) {
    return new CliException(
        "project "
            + project.id()
            + " does not exist, so it cannot be replaced; create it without --replace",
        cause);
  }

  private static CliException alreadyThere(Project project, Exception cause) {
    return new CliException(
        "project "
            + project.id()
            + " already exists. Refusing to overwrite (use -r/--replace to replace it)",
        cause);
  }

  private Project answers() {
    Project base =
        fromProject == null
            ? ProjectQuestions.defaults(global().namespace())
            : requireProject(fromProject);
    if (noPrompts) {
      return base;
    }
    return new ProjectQuestions(new Prompter(app.input(), out())).ask(base);
  }

  private Project read() {
    if (fromProject != null) {
      throw new CliException("--from-project cannot be combined with -f; use one of them");
    }
    Project parsed;
    try {
      parsed = codec.read(TextFiles.read(file, "project"));
    } catch (InvalidProjectSecretException e) {
      throw new CliException("invalid project file " + file + ": " + e.getMessage(), e);
    }
    if (!parsed.namespace().isEmpty()) {
      return parsed;
    }
    return new Project(parsed.id(), parsed.name(), global().namespace(), parsed.data());
  }

  private void warnIfNotAnId(Project project) {
    if (project.id().startsWith(ProjectIds.PREFIX)
        && !project.name().isEmpty()
        && !project.id().equals(ProjectIds.fromName(project.name()))) {
      err()
          .println(
              "Warning: metadata.name \""
                  + project.id()
                  + "\" is not the ID of the project name \""
                  + project.name()
                  + "\", which is "
                  + ProjectIds.fromName(project.name())
                  + ". brig, the gateways and Kubernetes mode look a project up by name through"
                  + " that ID, so \""
                  + project.name()
                  + "\" will not find this one (its ID will). Use that ID as metadata.name.");
      return;
    }
    if (!project.id().startsWith(ProjectIds.PREFIX)) {
      String name = project.name().isEmpty() ? project.id() : project.name();
      err()
          .println(
              "Warning: metadata.name \""
                  + project.id()
                  + "\" is used as the project ID as is. brig --local finds the project by it, but"
                  + " the gateways and Kubernetes mode look projects up by IDs of the form"
                  + " brigade-<sha256>; for \""
                  + name
                  + "\" that is "
                  + ProjectIds.fromName(name)
                  + ". Use that as metadata.name for the project to be found everywhere.");
    }
  }

  private void save(Project project) {
    if (replace) {
      try {
        app.projects().replace(project);
      } catch (ProjectNotFoundException e) {
        throw notThereToReplace(project, e);
      }
      return;
    }
    try {
      app.projects().create(project);
    } catch (ProjectExistsException e) {
      throw alreadyThere(project, e);
    }
  }

  private static DocumentFormat formatOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml")
        ? DocumentFormat.YAML
        : DocumentFormat.JSON;
  }
}
