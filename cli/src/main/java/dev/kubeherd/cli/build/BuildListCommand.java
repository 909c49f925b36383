package dev.kubeherd.cli.build;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.Ages;
import dev.kubeherd.cli.output.Table;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.secret.DocumentFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ArrayNode;

/** {@code brig build list [PROJECT]}: builds, newest first. */
@Command(name = "list", aliases = "ls", description = "List builds, newest first.")
public final class BuildListCommand extends StoreCommand {
  static final String UNKNOWN = "???";

  @Parameters(
      paramLabel = "PROJECT",
      arity = "0..1",
      description = "Only this project's builds (name or ID).")
  String project;

  @Option(
      names = {"-c", "--count"},
      paramLabel = "N",
      description = "Show at most N builds, the newest (default: 0, all).")
  int count;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Print the builds as json (or yaml) instead of a table.")
  DocumentFormat output;

  public BuildListCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    if (count < 0) {
      throw new CliException("--count must be 0 (all builds) or more, was " + count);
    }
    List<Build> builds = app.builds().list(projectId());
    if (count > 0 && builds.size() > count) {
      builds = builds.subList(0, count);
    }
    if (output != null) {
      ArrayNode array = DocumentFormat.object().arrayNode();
      for (Build b : builds) {
        array.add(BuildDocument.of(b, output, false));
      }
      out().print(output.render(array));
      return;
    }
    Table table = Table.withHeader("ID", "TYPE", "PROVIDER", "PROJECT", "STATUS", "AGE");
    for (Build b : builds) {
      BuildStatus s = b.status();
      table.row(
          b.id(), b.request().type(), b.request().provider(), b.projectId(), status(s), age(s));
    }
    table.print(out());
  }

  private Optional<String> projectId() {
    if (project == null) {
      return Optional.empty();
    }
    return Optional.of(projectIdWithBuilds(project)); // an unknown project is exit 1, as in v1
  }

  private static String status(BuildStatus s) {
    return s.phase().display();
  }

  private String age(BuildStatus s) {
    if (!s.phase().isTerminal() || s.finishedAt().isEmpty()) {
      return UNKNOWN;
    }
    return Ages.shortHuman(Duration.between(s.finishedAt().get(), app.clock().instant()));
  }
}
