package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.secret.DocumentFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brig build get ID}: one build; script and payload in YAML only with {@code -v}. */
@Command(name = "get", description = "Print a build (YAML or JSON).")
public final class BuildGetCommand extends StoreCommand {

  @Parameters(paramLabel = "BUILD_ID", description = "Build ID (or brigade-worker-<ID>).")
  String buildId;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      description = "yaml or json (default: ${DEFAULT-VALUE}).")
  DocumentFormat output;

  public BuildGetCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    Build build = BuildIds.require(app.builds(), buildId);
    out().print(output.render(BuildDocument.of(build, output, global().verbose())));
  }
}
