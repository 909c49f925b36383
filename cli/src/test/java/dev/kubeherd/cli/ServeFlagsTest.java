package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local server's flags are checked before anything starts, with the fix in the message. */
class ServeFlagsTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home")).useLocalApp();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--poll", "--orphan-check", "--resync-check"})
  void anIntervalOfZeroIsRefusedInsteadOfSpinning(String flag) {
    var served = cli.kubeherd("serve", "--local", "--once", flag, "0s");

    assertThat(served.exitCode()).isNotZero();
    assertThat(served.err())
        .contains(flag)
        .contains("'0s' is not more than zero: use e.g. 500ms, 1s, 2m or PT1S");
    assertThat(served.out()).doesNotContain("Serving builds");
  }

  @Test
  void aNegativeIntervalIsRefusedBeforeServing() {
    var served = cli.kubeherd("serve", "--local", "--once", "--poll", "PT-1S");

    assertThat(served.exitCode()).isNotZero();
    assertThat(served.err()).contains("'PT-1S' is not more than zero");
    assertThat(served.out()).doesNotContain("Serving builds");
  }

  @Test
  void intervalsTakeTheShortFormsAsWellAsIso8601() {
    var served =
        cli.kubeherd("serve", "--local", "--once", "--poll", "200ms", "--orphan-check", "PT10S");

    assertThat(served.exitCode()).as(served.err()).isZero();
    assertThat(served.out()).contains("Serving builds");
  }

  @Test
  void noBuildsAtATimeIsRefusedInTheFlagsOwnWords() {
    var served = cli.kubeherd("serve", "--local", "--once", "--max-builds", "0");

    assertThat(served.exitCode()).isNotZero();
    assertThat(served.err())
        .contains("--max-builds must be at least 1 (the builds run at the same time), was 0")
        .doesNotContain("maxConcurrent");
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999", "65536", "-5", "http"})
  void aPortOutsideTheTcpRangeIsRefusedNotPassedOn(String port) {
    var served = cli.kubeherd("serve", "--local", "--once", "--port", port);

    assertThat(served.exitCode()).isNotZero();
    assertThat(served.err())
        .contains("'" + port + "' is not a port: use 1 to 65535, or 0 for any free port")
        .doesNotContain("must be <");
    assertThat(served.out()).doesNotContain("Serving builds");
  }

  @Test
  void aBadJobRuntimeNamesTheEnvironmentVariableThatMayHaveSetIt() {
    var served = cli.kubeherd("serve", "--local", "--once", "--runtime", "bogus");

    assertThat(served.exitCode()).isNotZero();
    assertThat(served.err())
        .contains("'bogus' is not a job runtime: use process, podman or docker")
        .contains("KUBEHERD_RUNTIME environment variable");
    assertThat(new JobRuntimeOption.Converter().convert("Podman")).isEqualTo(JobRuntime.PODMAN);
  }

  @Test
  void theGatewayAndDashboardRefuseSuchAPortToo() {
    var gateway = cli.kubeherd("gateway", "--local", "--port", "70000");
    var dashboard = cli.brig("dashboard", "--port", "-1", "--open-dashboard=false");

    assertThat(gateway.err()).contains("'70000' is not a port");
    assertThat(dashboard.err()).contains("'-1' is not a port");
    assertThat(gateway.exitCode()).isNotZero();
    assertThat(dashboard.exitCode()).isNotZero();
  }

  @Test
  void verboseShowsTheStackTraceOfAFailureAsBrigDoes() {
    var quiet = cli.kubeherd("serve", "--local", "--once", "--max-builds", "0");
    var verbose = cli.kubeherd("serve", "--local", "-v", "--once", "--max-builds", "0");

    assertThat(quiet.err()).doesNotContain("\tat ");
    assertThat(verbose.err())
        .contains("--max-builds must be at least 1")
        .contains("at dev.kubeherd.cli.ServeCommand.execute");
  }

  @Test
  void withoutLocalModeItSaysSoBeforeAnyGatewayListensOnTheCluster() {
    KubernetesClient nowhere =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build())
            .build();
    Clock clock = Clock.systemUTC();
    BrigApp kube = new BrigApp(KubeTestBackend.on(nowhere, "default", clock), clock, Map.of());

    var served = cli.run(a -> kube.kubeherd(), "serve", "--once", "--port", "0");

    assertThat(served.exitCode()).isEqualTo(1);
    assertThat(served.err())
        .contains("kubeherd serve runs the builds of the local store: pass --local")
        .contains("'kubeherd controller' runs the builds");
    assertThat(served.out()).doesNotContain("Gateway listening").doesNotContain("Serving builds");
    nowhere.close();
  }

  @Test
  void theHelpSaysThePortServesEveryGatewayAndTheDashboardNotOnlyGithub() {
    var help = cli.kubeherd("serve", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("receive webhooks (GitHub, generic, container registry) and serve the dashboard")
        .doesNotContain("receive GitHub webhooks");
  }
}
