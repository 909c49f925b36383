package dev.kubeherd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Runs every example the way the README does: {@code brig --local project create} then {@code run}.
 */
class ExamplesTest {
  @TempDir Path home;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "hello            | hello said: Hello from kubeherd / Linux",
        "groups           | parallel (3 jobs): api built, ui built, lint clean",
        "groups           | serial: packaged -> published",
        "storage-cache    | consumed artifact-",
        "storage-cache    | cache has 1 run(s)",
        "env-secrets      | token is set, 17 chars",
        "env-secrets      | deploying to ***",
        "failure-handling | recovered from: job flaky(flaky-",
        "failure-handling | fallback ran",
        "event-chain      | tested (caused by exec)",
        "event-chain      | released: chain complete",
        "event-chain      | after: success for exec",
      })
  void exampleRunsLocallyAndPrintsItsJobOutput(String example, String expected) {
    Result create = brig("project", "create", "-x", "-f", example + "/project.yaml");
    assertThat(create.code()).as(create.err()).isZero();
    Result run = brig("run", "examples/" + example, "-f", example + "/brigade.js", "--no-progress");
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains(expected).doesNotContain("example-token-123");
  }

  private Result brig(String... args) {
    BrigApp app =
        BrigApp.local(
            Map.of("KUBEHERD_HOME", home.toString(), "KUBEHERD_MODE", "local"), Clock.systemUTC());
    CommandLine cli = app.brig();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  record Result(int code, String out, String err) {}
}
