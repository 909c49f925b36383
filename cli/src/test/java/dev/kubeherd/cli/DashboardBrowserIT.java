package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.gateway.admin.AdminToken;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The dashboard in headless Chromium against {@code kubeherd server --local --port 0} running a
 * real build: {@code src/test/browser/dashboard.mjs} (playwright-core) sees the build appear in the
 * list, opens it, watches its job's log grow live, cancels it with the gateway token and sees it
 * fail. Screenshots land in {@code target/dashboard-screenshots}.
 */
class DashboardBrowserIT {
  static final String TOKEN = "browser-test-token";
  static final String SLOW_SCRIPT =
      """
      const { events, Job } = require('brigadier');
      events.on('exec', () =>
        new Job('slow', '', ['for i in $(seq 1 600); do echo "tick $i"; sleep 0.1; done']).run());
      """;
  static final Path SCREENSHOTS = Path.of("target/dashboard-screenshots").toAbsolutePath();

  @TempDir Path home;

  @Test
  void aRunningBuildAppearsTailsLiveAndIsCancelledFromTheDashboard() throws Exception {
    Map<String, String> env =
        Map.of("KUBEHERD_HOME", home.toString(), "KUBEHERD_MODE", "local", AdminToken.ENV, TOKEN);
    LocalHome local = new LocalHome(home);
    DirectoryBuildStore builds = new DirectoryBuildStore(local, Clock.systemUTC());
    Project project =
        new Project(
            ProjectIds.fromName("acme/slow"),
            "acme/slow",
            "default",
            Map.of("defaultScript", SLOW_SCRIPT));
    new DirectoryProjectStore(local).create(project);
    StringWriter out = new StringWriter();
    CommandLine server = BrigApp.fromEnvironment(env, Clock.systemUTC()).kubeherd();
    server.setOut(new PrintWriter(out, true));
    server.setErr(new PrintWriter(new StringWriter(), true));
    Thread serving =
        Thread.ofPlatform()
            .start(() -> server.execute("server", "--local", "--port", "0", "--poll", "PT0.2S"));
    try (BrowserScript browser =
        BrowserScript.start(
            "dashboard.mjs",
            Map.of(
                "DASHBOARD_URL",
                "http://127.0.0.1:" + awaitPort(out),
                "GATEWAY_TOKEN",
                TOKEN,
                "SCREENSHOTS",
                SCREENSHOTS.toString()))) {
      browser.await("READY", Duration.ofSeconds(60));

      Build build = builds.create(BuildRequest.of(project.id(), "exec", "brigade-cli"));
      browser.send(build.id());

      int exit = browser.exitCode(Duration.ofMinutes(3));
      assertThat(exit).as("dashboard.mjs output:\n%s", browser.output()).isZero();
      assertThat(browser.output()).contains("PASSED");
      Build after = builds.find(build.id()).orElseThrow();
      assertThat(after.status().phase()).isEqualTo(BuildPhase.FAILED);
      assertThat(after.status().message()).contains("cancelled");
      assertThat(new DirectoryLogStore(local).read(build.id(), "slow-" + build.id()))
          .contains("tick 5\n")
          .doesNotContain("tick 600");
    } finally {
      serving.interrupt();
      serving.join(20_000);
    }
  }

  private static int awaitPort(StringWriter out) throws InterruptedException {
    Pattern listening = Pattern.compile("Gateway listening on [^:]+:(\\d+)");
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = listening.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server did not start its gateway: " + out);
  }
}
