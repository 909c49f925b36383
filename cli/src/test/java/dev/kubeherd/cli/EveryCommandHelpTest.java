package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Every command of every launcher's tree ({@code brig}, {@code kubeherd}, {@code brigadm}, {@code
 * brigcluster}, {@code sdf4k}) answers {@code --help} with exit code 0, and the one-line summary
 * its parent lists is a whole sentence, not cut before a list (ending with ':').
 */
class EveryCommandHelpTest {
  private static final Map<String, Function<BrigApp, CommandLine>> TREES =
      Map.of(
          "brig", BrigApp::brig,
          "kubeherd", BrigApp::kubeherd,
          "brigadm", BrigApp::brigadm,
          "brigcluster", BrigApp::brigcluster,
          "sdf4k", BrigApp::sdf4k);

  @TempDir Path dir;

  @Test
  void everyCommandAnswersHelpAndHasAWholeSummaryLine() {
    CliHarness cli = new CliHarness(dir);
    SoftAssertions softly = new SoftAssertions();
    int checked = 0;
    for (var tree : TREES.entrySet()) {
      for (List<String> path : paths(tree.getValue().apply(cli.app()))) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Result r = cli.run(tree.getValue(), args.toArray(String[]::new));
        String command = tree.getKey() + " " + String.join(" ", path);
        softly.assertThat(r.exitCode()).as(command + " --help: " + r.err()).isZero();
        softly.assertThat(r.out()).as(command + " --help").contains("Usage: ");
        checked++;
      }
      walk(
          tree.getValue().apply(cli.app()),
          tree.getKey(),
          (name, summary) ->
              softly.assertThat(summary).as("summary of " + name).isNotBlank().doesNotEndWith(":"));
    }
    softly.assertAll();
    assertThat(checked).as("commands checked").isGreaterThan(40);
  }

  /** The argument paths to every subcommand (the root is the empty path). */
  private static List<List<String>> paths(CommandLine root) {
    List<List<String>> paths = new ArrayList<>();
    collect(root, new ArrayList<>(), paths);
    return paths;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> paths) {
    paths.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals(sub.getCommandName())) {
                return; // an alias of a command already walked
              }
              path.add(name);
              collect(sub, path, paths);
              path.removeLast();
            });
  }

  private static void walk(
      CommandLine cl, String name, java.util.function.BiConsumer<String, String> summaries) {
    cl.getSubcommands()
        .forEach(
            (sub, child) -> {
              if (sub.equals(child.getCommandName())) {
                summaries.accept(name + " " + sub, summary(child.getCommandSpec().usageMessage()));
                walk(child, name + " " + sub, summaries);
              }
            });
  }

  /** What picocli lists for a subcommand: the header's first line, else the description's. */
  private static String summary(UsageMessageSpec usage) {
    String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
    return lines.length == 0 ? "" : lines[0].strip();
  }
}
