package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.output.Ages;
import dev.kubeherd.cli.output.Table;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.toolkit.config.DurationSyntax;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One screen of {@code brig term}: each project with its number of builds and its latest build's
 * ID, event, phase and age. Pure: the same data and time give the same text.
 */
final class TermScreen {
  static final String NONE = "-";

  /** Moves the cursor home and clears the screen. */
  static final String CLEAR = "\033[H\033[2J";

  private TermScreen() {}

  /**
   * The screen redrawn every {@code every}.
   *
   * @param where what is shown, e.g. {@code namespace brigade} or {@code the local store}
   * @param builds the builds, any order
   */
  static String render(
      String where, Duration every, List<Project> projects, List<Build> builds, Instant now) {
    return render(
        header(where, projects, now)
            + "; refreshed every "
            + DurationSyntax.format(every)
            + ", Ctrl-C quits",
        projects,
        builds,
        now);
  }

  /** The screen printed once (no terminal to redraw on), without the refresh line's hints. */
  static String renderOnce(String where, List<Project> projects, List<Build> builds, Instant now) {
    return render(header(where, projects, now), projects, builds, now);
  }

  private static String header(String where, List<Project> projects, Instant now) {
    return "brig term: " + where + ", " + projects.size() + " project(s) at " + now;
  }

  private static String render(
      String header, List<Project> projects, List<Build> builds, Instant now) {
    Map<String, List<Build>> byProject =
        builds.stream()
            .sorted(Comparator.comparing(Build::createdAt).reversed())
            .collect(
                Collectors.groupingBy(Build::projectId, LinkedHashMap::new, Collectors.toList()));
    Table table = Table.withHeader("PROJECT", "BUILDS", "LATEST", "EVENT", "PHASE", "AGE");
    projects.stream()
        .sorted(Comparator.comparing(Project::name))
        .forEach(p -> table.row(row(p, byProject.getOrDefault(p.id(), List.of()), now)));
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    out.println(header);
    out.println();
    table.print(out);
    out.flush();
    return text.toString();
  }

  private static String[] row(Project project, List<Build> newestFirst, Instant now) {
    if (newestFirst.isEmpty()) {
      return new String[] {project.name(), "0", NONE, NONE, NONE, NONE};
    }
    Build latest = newestFirst.getFirst();
    return new String[] {
      project.name(),
      Integer.toString(newestFirst.size()),
      latest.id(),
      latest.request().type(),
      latest.status().phase().display(),
      Ages.shortHuman(Duration.between(latest.createdAt(), now))
    };
  }
}
