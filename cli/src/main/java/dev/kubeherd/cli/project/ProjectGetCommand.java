package dev.kubeherd.cli.project;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.DocumentOption;
import dev.kubeherd.core.secret.ProjectSecretCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code brig project get PROJECT}: the project Secret, every value in clear text under {@code
 * stringData} (as v1 writes it); {@code brig project create -f} takes it back.
 */
@Command(name = "get", description = "Print a project as its Secret (YAML or JSON).")
public final class ProjectGetCommand extends StoreCommand {

  @Parameters(paramLabel = "PROJECT", description = "Project name or ID.")
  String project;

  @Mixin DocumentOption output;

  public ProjectGetCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    out().print(new ProjectSecretCodec().writeClear(requireProject(project), output.format()));
  }
}
