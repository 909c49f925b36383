package dev.kubeherd.cli.project;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.StoreCommand;
import dev.kubeherd.cli.output.Table;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.secret.DocumentFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;

/** {@code brig project list}: a {@code NAME ID REPO} table, or JSON with secrets redacted. */
@Command(name = "list", aliases = "ls", description = "List projects.")
public final class ProjectListCommand extends StoreCommand {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "Print the projects as json (or yaml) instead of a table; secrets redacted.")
  DocumentFormat output;

  public ProjectListCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    List<Project> projects = app.projects().list();
    if (output != null) {
      ArrayNode array = DocumentFormat.object().arrayNode();
      projects.forEach(p -> array.add(RedactedProject.of(p)));
      out().print(output.render(array));
      return;
    }
    Table table = Table.withHeader("NAME", "ID", "REPO");
    projects.forEach(p -> table.row(p.name(), p.id(), p.repository()));
    table.print(out());
  }
}
