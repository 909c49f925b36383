package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.toolkit.pipeline.InstallMode;
import dev.kubeherd.toolkit.pipeline.PipelineInstaller.InstallResult;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm init}: creates or upgrades one pipeline engine and one project in a namespace
 * (§2.6). Keys and tokens are read into memory and written only into the project Secret.
 */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Install or upgrade the pipeline of a namespace: the engine (the bundled kubeherd chart:"
          + " controller, gateway, worker service account and Role) and one project, the Brigade"
          + " v1 project Secret.",
      "A second run upgrades both (new default script, rotated key); another project in the"
          + " namespace is refused. The SSH key is never written to a file or printed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:installed or upgraded",
      "1:usage error",
      "2:a --ssh-key-from-path or --default-script-from-path file is missing",
      "3:an SSM parameter is missing or unreadable, or the Kubernetes API failed",
      "4:--fail-if-exists and the project exists, or another project owns the namespace"
    })
public final class InitCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Option(
      names = "--repository",
      required = true,
      paramLabel = "ORG/REPO",
      description = "GitHub repository of the pipeline (its brigade.js).")
  String repository;

  @Option(names = "--name", paramLabel = "NAME", description = "Project name (default: ORG/REPO).")
  String name;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "Namespace (default: REPO, the repository's name).")
  String namespace;

  @ArgGroup(exclusive = true)
  DeployKeyOptions key;

  @Option(
      names = {"--default-script-from-path", "--default-script", "--script"},
      paramLabel = "FILE",
      description = "brigade.js used when the repository has none.")
  Path defaultScript;

  @Option(
      names = "--secret",
      paramLabel = "KEY=VALUE",
      description = "A project secret (repeatable); scripts read project.secrets.KEY.")
  Map<String, String> secrets;

  @Option(
      names = "--env",
      paramLabel = "KEY=VALUE",
      description =
          "A project setting such as CLUSTER or ENV (repeatable), stored with the secrets.")
  Map<String, String> env;

  @Option(
      names = "--github-token-ssm-parameter",
      paramLabel = "PARAM",
      description = "SSM parameter with the GitHub token (statuses, API).")
  String githubToken;

  @Option(
      names = "--shared-secret-ssm-parameter",
      paramLabel = "PARAM",
      description = "SSM parameter with the webhook shared secret.")
  String sharedSecret;

  @Option(
      names = {"--fail-if-exists", "--create"},
      description = "Create only: exit 4 when the project already exists.")
  boolean createOnly;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region of the SSM parameters (default: KUBEHERD_REGION, $AWS_REGION,"
              + " $AWS_DEFAULT_REGION, the AWS profile's region).")
  String region;

  @Mixin KubeOptions kube;

  public InitCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline;
    try (SecretReader secrets = new SecretReader(app, Optional.ofNullable(region))) {
      pipeline = pipeline(secrets);
    }
    InstallResult result =
        new Pipelines(kube.client(app), app.clock(), err)
            .installer()
            .install(pipeline, createOnly ? InstallMode.CREATE : InstallMode.UPSERT);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        (result.created() ? "created" : "upgraded")
            + " pipeline "
            + pipeline.name()
            + " in namespace "
            + result.namespace());
    out.flush();
    return ExitCodes.OK;
  }

  private PipelineSpec pipeline(SecretReader secrets) {
    String repo = Repositories.check(spec, "--repository", repository);
    Optional<String> sshKey = DeployKeyOptions.read(key, secrets);
    return new PipelineSpec(
        namespace == null ? Repositories.name(repo) : namespace,
        repo,
        name,
        sshKey,
        Optional.ofNullable(defaultScript)
            .map(f -> SecretReader.file("--default-script-from-path", f)),
        Optional.empty(),
        KeyValues.of(this.secrets),
        DeployKeyOptions.withParameterNames(
            KeyValues.of(env), DeployKeyOptions.parameter(key), Optional.ofNullable(githubToken)),
        secrets.parameter(Optional.ofNullable(githubToken)),
        secrets.parameter(Optional.ofNullable(sharedSecret)));
  }
}
