package dev.kubeherd.cli.deploy;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.VersionProvider;
import dev.kubeherd.cli.toolkit.ConfigOption;
import dev.kubeherd.toolkit.deploy.DeployKind;
import dev.kubeherd.toolkit.deploy.HelmJavaRenderer;
import dev.kubeherd.toolkit.deploy.Sdf4k;
import dev.kubeherd.toolkit.deploy.Sdf4kOptions;
import dev.kubeherd.toolkit.deploy.Sdf4kResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sdf4k PATH --namespace NS} (also {@code kubeherd sdf4k}): deploys whatever PATH holds —
 * helmfile, chart, kustomization, plain manifests — with {@code GIT_TAG} of its repository.
 */
@Command(
    name = "sdf4k",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Simple Deployment Facade for Kubernetes: deploy what PATH holds, in this order: a"
          + " helmfile (helmfile sync); chart/Chart.yaml (helm upgrade --install with values.yaml,"
          + " values.ENV.yaml and the sops-decrypted secrets.yaml, --set image.tag=GIT_TAG when"
          + " the chart has image.tag); kustomization.yaml (kubectl apply -k); manifests/"
          + " (kubectl apply -R -f).",
      "GIT_TAG (git describe --tags --always of PATH's repository made a valid image tag as"
          + " build dockerimage makes it, e.g. release/1.2.0 -> release-1.2.0; else dev) and"
          + " GIT_DESCRIBE (the describe output as it is) are in every tool's environment."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:deployed (or rendered)",
      "1:usage error, a tool (helmfile, helm, kubectl, sops) is not installed, or a tool failed",
      "2:nothing deployable at PATH, a ksonnet app.yaml, or a chart Helm cannot render",
      "4:a decrypted secrets file is in the way"
    })
public final class Sdf4kCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Parameters(index = "0", paramLabel = "PATH", description = "The directory to deploy.")
  Path path;

  @Option(
      names = {"-n", "--namespace"},
      required = true,
      paramLabel = "NS",
      description = "Namespace of the chart release, the kustomization and the manifests.")
  String namespace;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Component (release) name (default: the basename of PATH).")
  String name;

  @Option(
      names = {"-e", "--environment", "--environmnent"},
      paramLabel = "ENV",
      description =
          "Environment: values.ENV.yaml, helmfile --environment (default: KUBEHERD_ENVIRONMENT,"
              + " kubeherd.yaml).")
  String environment;

  @Option(
      names = "--only",
      paramLabel = "KIND",
      description = "Run only this kind: helmfile, chart, kustomize or manifests.")
  String only;

  @Option(
      names = {"--render", "--dry-run"},
      description =
          "Apply nothing; print the manifests (charts rendered in-process by Helm 3, helm-java).")
  boolean render;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Where decrypted secrets live while the tools run (default: the temp dir).")
  Path workDir;

  @Mixin ToolOptions tools;

  public Sdf4kCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Sdf4kOptions options =
        new Sdf4kOptions(
            path,
            namespace,
            Optional.ofNullable(name),
            Optional.ofNullable(environment).filter(e -> !e.isBlank()),
            Optional.ofNullable(only).map(this::kind),
            render,
            workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir")));
    Sdf4k sdf4k =
        new Sdf4k(
            tools.runner(app.env(), err),
            new HelmJavaRenderer(),
            line -> {
              err.println(line);
              err.flush();
            },
            manifests -> {
              out.print(manifests);
              out.flush();
            });
    Sdf4kResult result = sdf4k.run(options);
    err.println(
        result.component()
            + " ("
            + result.gitTag()
            + "): "
            + (render ? "rendered " : "deployed ")
            + String.join(", ", result.ran().stream().map(DeployKind::flagValue).toList()));
    err.flush();
    return ExitCodes.OK;
  }

  private DeployKind kind(String value) {
    try {
      return DeployKind.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "--only: '" + value + "' is not one of helmfile, chart, kustomize, manifests");
    }
  }
}
