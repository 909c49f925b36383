package dev.kubeherd.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubeherd deploy|undeploy} end to end with a recording helmfile on PATH. */
class DeployCommandTest {
  @TempDir Path tmp;
  CliHarness cli;
  StandInBin tools;
  Path dir;

  @BeforeEach
  void stage() throws Exception {
    cli = new CliHarness(tmp.resolve("home"));
    tools = new StandInBin(tmp.resolve("bin"));
    cli.env.put("PATH", tools.path());
    dir = Files.createDirectories(tmp.resolve("cluster/environments/prod")).toRealPath();
  }

  @Test
  void deploySyncsTheDetectedHelmfileWithEnvironmentAndSelector() throws Exception {
    tools.add("helmfile", "echo 'Upgrading release=ingress'");
    Files.createDirectories(dir.resolve("helmfile.d"));
    Files.writeString(dir.resolve("charts.yaml"), "releases: []\n");

    Result r =
        cli.kubeherd(
            "deploy", "--dir", dir.toString(), "--environment", "prod", "-l", "tier=frontend");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(tools.argv("helmfile"))
        .containsExactly(
            "--file", "helmfile.d", "--environment", "prod", "--selector", "tier=frontend", "sync");
    assertThat(tools.cwd("helmfile")).isEqualTo(dir);
    assertThat(r.err()).contains("[helmfile] Upgrading release=ingress");
  }

  @Test
  void undeployDestroysWithTheEnvironmentFromKubeherdEnvironment() throws Exception {
    tools.add("helmfile", "exit 0");
    Files.writeString(dir.resolve("helmfile.yaml"), "releases: []\n");
    cli.env.put("KUBEHERD_ENVIRONMENT", "staging");

    Result r = cli.kubeherd("undeploy", "--dir", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(tools.argv("helmfile"))
        .containsExactly("--file", "helmfile.yaml", "--environment", "staging", "destroy");
  }

  @Test
  void helmfileFromKubeherdHelmfileIsUsed() throws Exception {
    Path custom = new StandInBin(tmp.resolve("opt")).add("helmfile-v1", "exit 0").bin;
    Files.writeString(dir.resolve("helmfile"), "releases: []\n");
    cli.env.put("KUBEHERD_HELMFILE", custom.resolve("helmfile-v1").toString());

    Result r = cli.kubeherd("deploy", "--dir", dir.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllLines(custom.resolve("helmfile-v1.argv")))
        .containsExactly("--file", "helmfile", "sync");
  }

  @Test
  void helmfileNotInstalledIsExitOneNamingIt() throws Exception {
    Files.writeString(dir.resolve("helmfile.yaml"), "releases: []\n");

    Result r = cli.kubeherd("deploy", "--dir", dir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: helmfile is not installed");
  }

  @Test
  void noHelmfileIsExitTwoNamingTheDirectoryAndTheNames() throws Exception {
    tools.add("helmfile", "exit 0");

    Result r = cli.kubeherd("undeploy", "--dir", dir.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("no helmfile in " + dir)
        .contains("helmfile.yaml, helmfile.yaml.gotmpl, helmfile.d, charts.yaml, helmfile");
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void failingHelmfileIsNonZero() throws Exception {
    tools.add("helmfile", "echo 'Error: UPGRADE FAILED' >&2; exit 3");
    Files.writeString(dir.resolve("helmfile.yaml"), "releases: []\n");

    Result r = cli.kubeherd("deploy", "--dir", dir.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("failed with exit code 3").contains("UPGRADE FAILED");
  }
}
