package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.DocumentOption;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.secret.DocumentFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code brig build get ID}: one build; script and payload in YAML only with {@code -v}. */
@Command(name = "get", description = "Print a build (YAML or JSON).")
public final class BuildGetCommand extends StoreCommand {

  @Parameters(paramLabel = "BUILD_ID", description = "Build ID (or brigade-worker-<ID>).")
  String buildId;

  @Mixin DocumentOption output;

  public BuildGetCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Build build = BuildIds.require(app.builds(), buildId);
    DocumentFormat format = output.format();
    out().print(format.render(BuildDocument.of(build, format, global().verbose())));
  }
}
