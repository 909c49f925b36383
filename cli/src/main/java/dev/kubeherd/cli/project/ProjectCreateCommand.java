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

/** {@code brig project create -f FILE}: creates (or with {@code -r} replaces) a project. */
@Command(name = "create", description = "Create a project from a project Secret file.")
public final class ProjectCreateCommand extends StoreCommand {
  private final ProjectSecretCodec codec = new ProjectSecretCodec();

  @Option(
      names = {"-f", "--config"},
      paramLabel = "FILE",
      description = "Project Secret (YAML or JSON) to create the project from.")
  Path file;

  @Option(
      names = {"-x", "--no-prompts"},
      description = "Do not prompt (prompts are not supported yet, so this is always the case).")
  boolean noPrompts;

  @Option(
      names = {"-r", "--replace"},
      description = "Replace an existing project instead of creating a new one.")
  boolean replace;

  @Option(
      names = {"-D", "--dry-run"},
      description = "Check and print, but do not store the project.")
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
    if (file == null) {
      throw new CliException(
          "interactive prompts are not supported yet; pass the project Secret (YAML or JSON)"
              + " with -f FILE");
    }
    Project project = read();
    err().println("Project ID: " + project.id());
    warnIfNotAnId(project);
    if (global().verbose()) {
      out().print(codec.write(project, DocumentFormat.JSON));
    }
    if (outFile != null) {
      TextFiles.write(outFile, codec.write(project, formatOf(outFile)), "output");
    }
    if (!dryRun) {
      save(project);
    }
  }

  private Project read() {
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
    if (!project.id().startsWith(ProjectIds.PREFIX)) {
      String name = project.name().isEmpty() ? project.id() : project.name();
      err()
          .println(
              "Warning: metadata.name \""
                  + project.id()
                  + "\" is used as the project ID as is, but brig and the gateways look projects up"
                  + " by IDs of the form brigade-<sha256>; for \""
                  + name
                  + "\" that is "
                  + ProjectIds.fromName(name));
    }
  }

  private void save(Project project) {
    if (replace) {
      try {
        app.projects().replace(project);
      } catch (ProjectNotFoundException e) {
        throw new CliException(
            "project "
                + project.id()
                + " does not exist, so it cannot be replaced; create it without --replace",
            e);
      }
      return;
    }
    try {
      app.projects().create(project);
    } catch (ProjectExistsException e) {
      throw new CliException(
          "project " + project.id() + " already exists. Refusing to overwrite", e);
    }
  }

  private static DocumentFormat formatOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml")
        ? DocumentFormat.YAML
        : DocumentFormat.JSON;
  }
}
