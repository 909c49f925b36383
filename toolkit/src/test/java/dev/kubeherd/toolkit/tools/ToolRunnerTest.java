package dev.kubeherd.toolkit.tools;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** External tools run with exact argv, env and cwd, against recording stand-ins on a temp PATH. */
class ToolRunnerTest {
  @TempDir Path tmp;
  StandIns standIns;
  Map<String, String> baseEnv;
  final List<String> output = new CopyOnWriteArrayList<>();
  ToolRunner runner;
  Path cwd;

  @BeforeEach
  void stage() throws Exception {
    standIns = new StandIns(tmp.resolve("bin"));
    baseEnv =
        Map.of(
            "PATH", standIns.bin + ":/usr/bin:/bin",
            "HOME", "/home/kubeherd",
            "AWS_REGION", "eu-west-1");
    runner = new ToolRunner(baseEnv, ExternalTool::command, output::add);
    cwd = Files.createDirectories(tmp.resolve("repo/environments/test/cluster-infra")).toRealPath();
  }

  @Test
  void runsWithExactlyTheGivenArgvEnvironmentAndDirectory() throws Exception {
    standIns.add("helmfile", "echo 'Upgrading release=ingress'; echo 'done' >&2");

    runner.run(
        ToolInvocation.of(
                ExternalTool.HELMFILE, cwd, "--environment", "test", "sync", "-f", "helmfile")
            .withEnv(Map.of("CLUSTER", "k8stest1", "APP", "app1")));

    assertThat(standIns.argv("helmfile"))
        .containsExactly("--environment", "test", "sync", "-f", "helmfile");
    assertThat(standIns.cwd("helmfile")).isEqualTo(cwd);
    assertThat(standIns.env("helmfile"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "PATH", standIns.bin + ":/usr/bin:/bin",
                "HOME", "/home/kubeherd",
                "AWS_REGION", "eu-west-1",
                "CLUSTER", "k8stest1",
                "APP", "app1"));
    assertThat(output)
        .containsExactly(
            "$ helmfile --environment test sync -f helmfile (in " + cwd + "; with APP, CLUSTER)",
            "[helmfile] Upgrading release=ingress",
            "[helmfile] done");
  }

  @Test
  void configuredExecutablePathIsUsedInsteadOfPath() throws Exception {
    Path custom = new StandIns(tmp.resolve("opt")).add("helmfile-v1", "exit 0");
    ToolRunner configured =
        new ToolRunner(
            baseEnv,
            t -> t == ExternalTool.HELMFILE ? custom.toString() : t.command(),
            output::add);

    configured.run(ToolInvocation.of(ExternalTool.HELMFILE, cwd, "version"));

    assertThat(Files.readAllLines(custom.resolveSibling("helmfile-v1.argv")))
        .containsExactly("version");
  }

  @Test
  void missingToolFailsWithExitCodeOneNamingItAndHowToInstallIt() {
    assertThatThrownBy(() -> runner.run(ToolInvocation.of(ExternalTool.SOPS, cwd, "--version")))
        .isInstanceOf(ToolNotInstalledException.class)
        .hasMessage(
            "sops is not installed: sops was not found on PATH; install sops 3 (getsops/sops"
                + " releases), use the kubeherd toolbox image, or point --sops / KUBEHERD_SOPS at it")
        .satisfies(e -> assertThat(((ToolNotInstalledException) e).exitCode()).isEqualTo(1));
    assertThat(output).isEmpty();
  }

  @Test
  void configuredPathThatIsNotAnExecutableIsNotInstalled() {
    ToolRunner configured = new ToolRunner(baseEnv, t -> "/opt/nowhere/helmfile", output::add);

    assertThatThrownBy(() -> configured.run(ToolInvocation.of(ExternalTool.HELMFILE, cwd, "sync")))
        .isInstanceOf(ToolNotInstalledException.class)
        .hasMessageStartingWith(
            "helmfile is not installed: /opt/nowhere/helmfile is not an executable file;");
  }

  @Test
  void failingToolReportsItsExitCodeAndLastLinesAndSecretsAreGone() throws Exception {
    standIns.add(
        "helmfile",
        "echo 'Upgrading release=app1'; echo 'Error: UPGRADE FAILED: timed out' >&2; exit 3");
    Path scratch = tmp.resolve("scratch");
    Path secretsDir;

    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      secretsDir = secrets.dir();
      secrets.write("brigade-project.secrets.yaml", "token: s3cr3t\n".getBytes());
      assertThatThrownBy(() -> runner.run(ToolInvocation.of(ExternalTool.HELMFILE, cwd, "sync")))
          .isInstanceOf(ToolFailedException.class)
          .hasMessage(
              "helmfile sync (in "
                  + cwd
                  + ") failed with exit code 3:\n  Upgrading release=app1\n"
                  + "  Error: UPGRADE FAILED: timed out")
          .satisfies(e -> assertThat(((ToolFailedException) e).toolExitCode()).isEqualTo(3));
    }

    assertThat(secretsDir).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void standardInputIsClosedSoToolsCannotPrompt() throws Exception {
    standIns.add("kubectl", "if read line; then echo \"read: $line\"; else echo eof; fi");

    runner.run(ToolInvocation.of(ExternalTool.KUBECTL, cwd, "apply"));

    assertThat(output).contains("[kubectl] eof");
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aToolRunningPastTheTimeoutIsStoppedWithItsChildrenNamingTheTimeoutAndTheSetting()
      throws Exception {
    standIns.add(
        "helmfile",
        "echo $$ > \"$rec.pid\"; sleep 1301 & echo $! > \"$rec.child\"\n"
            + "echo 'Upgrading release=app1'; wait");
    ToolRunner slow =
        new ToolRunner(baseEnv, ExternalTool::command, output::add, Duration.ofSeconds(2));

    assertThatThrownBy(() -> slow.run(ToolInvocation.of(ExternalTool.HELMFILE, cwd, "sync")))
        .isInstanceOf(ToolTimedOutException.class)
        .hasMessageStartingWith(
            "helmfile sync (in "
                + cwd
                + ") did not finish within 2s and was stopped with its child processes; if it"
                + " needs longer, raise --tool-timeout (KUBEHERD_TOOL_TIMEOUT, tool-timeout: in"
                + " kubeherd.yaml). Its last lines:")
        .hasMessageContaining("  Upgrading release=app1")
        .satisfies(e -> assertThat(((ToolTimedOutException) e).exitCode()).isEqualTo(1));
    assertEnded(standIns.bin.resolve("helmfile.pid"));
    assertEnded(standIns.bin.resolve("helmfile.child"));
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aCapturedToolThatKeepsItsOutputOpenPastTheTimeoutIsStopped() throws Exception {
    standIns.add("sops", "echo $$ > \"$rec.pid\"; echo 'password: plain'; exec sleep 1302");
    ToolRunner slow =
        new ToolRunner(baseEnv, ExternalTool::command, output::add, Duration.ofSeconds(2));

    assertThatThrownBy(
            () -> slow.capture(ToolInvocation.of(ExternalTool.SOPS, cwd, "--decrypt", "a.enc")))
        .isInstanceOf(ToolTimedOutException.class)
        .hasMessageStartingWith("sops --decrypt a.enc (in " + cwd + ") did not finish within 2s");
    assertEnded(standIns.bin.resolve("sops.pid"));
    assertThat(String.join("\n", output)).doesNotContain("password: plain");
  }

  /** The process whose id is in {@code pidFile} has ended (or ends within a few seconds). */
  private static void assertEnded(Path pidFile) throws Exception {
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    ProcessHandle.of(pid)
        .ifPresent(p -> assertThat(p.onExit()).as("process %d", pid).succeedsWithin(ofSeconds(5)));
  }
}
