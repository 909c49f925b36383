package dev.kubeherd.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sdf4k} and {@code kubeherd sdf4k}: a real chart rendered by helm-java, tool stand-ins. */
class Sdf4kCommandTest {
  static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

  @TempDir Path tmp;
  CliHarness cli;
  StandInBin tools;
  Path web;

  @BeforeEach
  void stage() throws Exception {
    cli = new CliHarness(tmp.resolve("home"));
    tools = new StandInBin(tmp.resolve("bin"));
    cli.env.put("PATH", tools.path());
    Path repo = Files.createDirectories(tmp.resolve("repo")).toRealPath();
    web = Files.createDirectories(repo.resolve("web"));
    Path chart = web.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 1.0.0\n");
    Files.writeString(chart.resolve("values.yaml"), "image:\n  tag: latest\n");
    Files.writeString(
        chart.resolve("templates/cm.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"
            + "data:\n  tag: {{ .Values.image.tag | quote }}\n  color: {{ .Values.color | quote }}\n");
    Files.writeString(web.resolve("values.yaml"), "color: blue\n");
    Files.writeString(web.resolve("values.prod.yaml"), "color: green\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("web").setAuthor(WHO).setCommitter(WHO).call();
      git.tag().setName("v2.0.0").setAnnotated(false).call();
    }
  }

  @Test
  void renderPrintsTheChartRenderedByHelmWithValuesAndGitTag() throws Exception {
    Result r =
        cli.kubeherd("sdf4k", web.toString(), "--namespace", "shop", "-e", "prod", "--render");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("kind: ConfigMap")
        .contains("name: web")
        .contains("tag: \"v2.0.0\"")
        .contains("color: \"green\"");
    assertThat(r.err()).contains("web (v2.0.0): rendered chart");
    assertThat(tools.calls()).isEmpty();
  }

  @Test
  void deployRunsHelmUpgradeInThePathWithGitTag() throws Exception {
    tools.add("helm", "exit 0");

    Result r = cli.kubeherd("sdf4k", web.toString(), "-n", "shop", "--name", "storefront");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(tools.argv("helm"))
        .containsExactly(
            "upgrade",
            "storefront",
            "./chart",
            "--install",
            "--namespace",
            "shop",
            "--values",
            "./values.yaml",
            "--set",
            "image.tag=v2.0.0");
    assertThat(tools.cwd("helm")).isEqualTo(web);
    assertThat(tools.env("helm")).isEqualTo("GIT_TAG=v2.0.0");
  }

  @Test
  void sdf4kLauncherRunsTheSameCommand() throws Exception {
    tools.add("helm", "exit 0");
    BrigApp app = cli.app();
    CommandLine sdf4k = app.sdf4k();
    StringWriter err = new StringWriter();
    sdf4k.setErr(new PrintWriter(err, true));
    sdf4k.setOut(new PrintWriter(new StringWriter(), true));

    int code = sdf4k.execute(web.toString(), "--namespace", "shop", "--only", "chart");

    assertThat(code).as(err.toString()).isZero();
    assertThat(tools.calls())
        .containsExactly(
            "helm upgrade web ./chart --install --namespace shop --values ./values.yaml --set"
                + " image.tag=v2.0.0");
  }

  @Test
  void nothingDeployableIsExitTwo() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));

    Result r = cli.kubeherd("sdf4k", empty.toString(), "-n", "shop");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("Error: nothing to deploy in " + empty.toRealPath());
  }

  @Test
  void ksonnetAppIsExitTwoSayingUnsupported() throws Exception {
    Path ks = Files.createDirectories(tmp.resolve("ks"));
    Files.writeString(ks.resolve("app.yaml"), "kind: ksonnet.io/app\n");

    Result r = cli.kubeherd("sdf4k", ks.toString(), "-n", "shop");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unsupported (ksonnet)");
  }

  @Test
  void helmNotInstalledIsExitOneNamingIt() {
    Result r = cli.kubeherd("sdf4k", web.toString(), "-n", "shop");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: helm is not installed");
  }

  @Test
  void unknownOnlyKindIsAUsageError() {
    Result r = cli.kubeherd("sdf4k", web.toString(), "-n", "shop", "--only", "ksonnet");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--only: 'ksonnet' is not one of");
  }

  @Test
  void namespaceIsRequired() {
    Result r = cli.kubeherd("sdf4k", web.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--namespace");
  }
}
