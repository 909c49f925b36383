package dev.kubeherd.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code brig term} over a real local store (a temporary KUBEHERD_HOME, the composition root brig's
 * launcher uses): screens redrawn every interval, a build stored meanwhile shows up.
 */
class TermCommandTest {
  @TempDir Path dir;

  @Test
  void onATerminalRedrawsTheScreenAndShowsABuildStoredMeanwhile() throws Exception {
    CliHarness cli = new CliHarness(dir).useLocalApp();
    cli.project("acme/one", "github.com/acme/one");
    StringWriter out = new StringWriter();
    CommandLine brig = cli.app().brig();
    brig.setOut(new PrintWriter(out, true));
    term(brig).terminal = () -> true;
    AtomicInteger code = new AtomicInteger(-1);
    Thread term =
        Thread.ofPlatform()
            .start(() -> code.set(brig.execute("term", "--reload-interval", "50ms")));

    await(out, s -> s.contains("acme/one  0       -"));
    Build build =
        cli.builds.create(BuildRequest.of(cli.projects.list().getFirst().id(), "push", "github"));
    await(out, s -> s.contains("acme/one  1       " + build.id() + "  push   Pending"));
    term.interrupt();
    term.join(Duration.ofSeconds(10));

    assertThat(term.isAlive()).isFalse();
    assertThat(code.get()).isZero();
    String[] screens = out.toString().split("\033\\[H\033\\[2J", -1);
    assertThat(screens[0]).isEmpty(); // every screen starts by clearing the terminal
    assertThat(screens.length).isGreaterThan(2);
    assertThat(screens[1]).startsWith("brig term: the local store, 1 project(s) at ");
  }

  @Test
  void withoutATerminalPrintsOnePlainScreenAndEnds() throws Exception {
    CliHarness cli = new CliHarness(dir).useLocalApp();
    cli.project("acme/one", "github.com/acme/one");
    StringWriter out = new StringWriter();
    CommandLine brig = cli.app().brig();
    brig.setOut(new PrintWriter(out, true));
    term(brig).terminal = () -> false;
    AtomicInteger code = new AtomicInteger(-1);
    Thread term =
        Thread.ofPlatform()
            .start(() -> code.set(brig.execute("term", "--reload-interval", "50ms")));

    term.join(Duration.ofSeconds(20));

    assertThat(term.isAlive()).as("brig term still running; output:%n%s", out).isFalse();
    assertThat(code.get()).isZero();
    assertThat(out.toString())
        .doesNotContain("\033")
        .startsWith("brig term: the local store, 1 project(s) at ")
        .doesNotContain("Ctrl-C")
        .contains("acme/one  0       -");
  }

  @Test
  void aZeroReloadIntervalIsRefused() {
    var r = new CliHarness(dir).useLocalApp().brig("term", "--reload-interval", "0s");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--reload-interval must be more than 0: e.g. 3s");
  }

  private static TermCommand term(CommandLine brig) {
    return (TermCommand) brig.getSubcommands().get("term").getCommand();
  }

  private static void await(StringWriter out, Predicate<String> seen) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!seen.test(out.toString())) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not seen within 20s in:\n" + out);
      }
      Thread.sleep(20);
    }
  }
}
