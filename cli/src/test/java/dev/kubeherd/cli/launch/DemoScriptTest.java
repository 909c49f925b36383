package dev.kubeherd.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code bin/demo} with a folder of {@code examples/} that is not a runnable example. */
class DemoScriptTest {
  private static final Path TOP = Path.of("..").toAbsolutePath().normalize();

  @Test
  void aFolderWithoutAProjectFileIsRefusedListingTheRunnableExamples() throws Exception {
    Process p =
        new ProcessBuilder(TOP.resolve("bin/demo").toString(), "app-repo")
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("bin/demo finished").isTrue();

    assertThat(p.exitValue()).as(output).isEqualTo(2);
    assertThat(output)
        .contains("examples/app-repo has no project.yaml and brigade.js")
        .doesNotContain("Building kubeherd");
    String listed =
        output.lines().filter(l -> l.startsWith("Runnable examples: ")).findFirst().orElseThrow();
    assertThat(listed.substring("Runnable examples: ".length()).split(" "))
        .containsExactlyInAnyOrderElementsOf(runnable())
        .contains("hello", "groups")
        .doesNotContain("app-repo", "cluster-repo");
  }

  @Test
  void theReadmeNamesEveryRunnableExample() throws Exception {
    String readme = Files.readString(TOP.resolve("README.md"));
    for (String name : runnable()) {
      assertThat(readme).contains("`" + name + "`");
    }
  }

  private static java.util.List<String> runnable() throws Exception {
    try (Stream<Path> dirs = Files.list(TOP.resolve("examples"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("project.yaml")))
          .filter(d -> Files.isRegularFile(d.resolve("brigade.js")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    }
  }
}
