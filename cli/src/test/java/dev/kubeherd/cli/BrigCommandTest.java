package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command tree as a whole: help, version, modes and usage errors. */
class BrigCommandTest {
  @TempDir Path home;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "run",
        "project",
        "project create",
        "project list",
        "project get",
        "project delete",
        "build",
        "build list",
        "build get",
        "build logs",
        "build delete",
        "build delete-all",
        "build cancel",
        "rerun",
        "version"
      })
  void everyCommandHasHelpWithADescription(String command) {
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.removeIf(String::isEmpty);
    args.add("--help");

    Result r = cli.brig(args.toArray(String[]::new));

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("Usage: brig" + (command.isEmpty() ? "" : " " + command));
    String description =
        r.out().lines().skip(1).filter(l -> !l.startsWith(" ")).findFirst().orElseThrow();
    assertThat(description).isNotBlank().endsWith(".");
  }

  @Test
  void everyLeafCommandIsDescribed() {
    CommandLine brig = cli.app().brig();
    List<CommandLine> all = new ArrayList<>();
    collect(brig, all);

    assertThat(all).hasSizeGreaterThan(10);
    for (CommandLine c : all) {
      assertThat(c.getCommandSpec().usageMessage().description())
          .as(c.getCommandSpec().qualifiedName())
          .isNotEmpty();
    }
  }

  @Test
  void groupsAloneShowTheirUsage() {
    Result r = cli.brig("project");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("create").contains("list").contains("delete");
  }

  @Test
  void versionPrintsTheBuildVersion() {
    Result r = cli.brig("version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).matches("\\d+\\.\\d+\\.\\d+\\S*\n");
  }

  @Test
  void usageErrorsExitWithOneAndAHint() {
    Result r = cli.brig("build", "list", "--bogus");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("Error: Unknown option: '--bogus'")
        .contains("Run 'brig build list --help' for usage.")
        .doesNotContain("Usage:");
  }

  @Test
  void unknownSubcommandSuggestsAlternatives() {
    Result r = cli.brig("buidl");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error:").contains("build");
  }

  @Test
  void withoutLocalModeAnUnreachableClusterSaysHowToFixIt() throws Exception {
    cli.useLocalApp().env.remove("KUBEHERD_MODE");
    Path kubeconfig = unreachableKubeconfig();

    Result r = cli.brig("project", "list", "--kubeconfig", kubeconfig.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("Error: Could not list project Secrets")
        .contains("could not be reached")
        .contains("--local");
  }

  @Test
  void withoutLocalModeOrAnyKubeconfigItSaysSoAtOnceInsteadOfTryingTheInClusterAddress() {
    cli.useLocalApp().env.remove("KUBEHERD_MODE");
    String missing = home.resolve("no-such-kubeconfig").toString();
    String before = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", missing); // what the client reads before $KUBECONFIG
    Result r;
    long started = System.nanoTime();
    try {
      r = cli.brig("project", "list");
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "Error: no kubeconfig found ("
                + missing
                + " does not exist) and not running in a cluster: pass --kubeconfig FILE (or set"
                + " $KUBECONFIG) to use a cluster, or pass --local for local mode (state in"
                + " $KUBEHERD_HOME or ~/.kubeherd)\n");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void theGatewayInKubernetesModeSaysAnUnreachableClusterCouldNotBeReached() throws Exception {
    cli.useLocalApp().env.remove("KUBEHERD_MODE");
    Path kubeconfig = unreachableKubeconfig();

    Result r =
        cli.kubeherd(
            "gateway",
            "--kubeconfig",
            kubeconfig.toString(),
            "--address",
            "127.0.0.1",
            "--port",
            "0");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("Error: the Kubernetes API server could not be reached (")
        .contains("--local")
        .doesNotContain("An error has occurred");
  }

  @ParameterizedTest
  @ValueSource(strings = {"check", "dashboard --open-dashboard=false"})
  void checkAndDashboardSayHowToReachAnUnreachableClusterToo(String command) throws Exception {
    cli.useLocalApp().env.remove("KUBEHERD_MODE");
    Path kubeconfig = unreachableKubeconfig();
    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    args.addAll(List.of("--kubeconfig", kubeconfig.toString()));

    Result r = cli.brig(args.toArray(String[]::new));

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains("Could not list the")
        .contains("could not be reached")
        .contains("--local")
        .doesNotContain("..");
  }

  @Test
  void localFlagWorksBeforeOrAfterTheSubcommand() {
    cli.useLocalApp().env.remove("KUBEHERD_MODE");

    assertThat(cli.brig("--local", "project", "list").exitCode()).isZero();
    assertThat(cli.brig("project", "list", "--local").exitCode()).isZero();
  }

  @Test
  void kubeherdPassesBrigThrough() {
    Result r = cli.kubeherd("brig", "project", "list");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("NAME");
  }

  @Test
  void kubeherdVersion() {
    Result r = cli.kubeherd("version");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo(VersionProvider.version() + "\n");
  }

  private static void collect(CommandLine c, List<CommandLine> into) {
    into.add(c);
    c.getSubcommands().values().stream().distinct().forEach(s -> collect(s, into));
  }

  /** A kubeconfig whose API server no one listens on. */
  private Path unreachableKubeconfig() throws Exception {
    Files.createDirectories(home);
    return Files.writeString(
        home.resolve("kubeconfig"),
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        users: [{name: u, user: {token: t}}]
        current-context: c
        """);
  }
}
