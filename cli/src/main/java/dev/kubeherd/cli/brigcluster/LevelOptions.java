package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.brigadm.BootPipeline;
import dev.kubeherd.cli.brigadm.DeployKeyOptions;
import dev.kubeherd.cli.brigadm.KubeOptions;
import dev.kubeherd.cli.brigadm.Pipelines;
import dev.kubeherd.cli.brigadm.Repositories;
import dev.kubeherd.cli.brigadm.SecretReader;
import dev.kubeherd.toolkit.aws.AwsRegion;
import dev.kubeherd.toolkit.pipeline.DefaultScripts;
import dev.kubeherd.toolkit.pipeline.DefaultScripts.Script;
import dev.kubeherd.toolkit.pipeline.InstallJob;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The flags {@code brigcluster master …} and {@code worker …} share. */
public final class LevelOptions {
  @Option(
      names = "--repository",
      required = true,
      paramLabel = "ORG/REPO",
      description = "Repository of the pipeline.")
  String repository;

  @Option(
      names = "--environment",
      paramLabel = "ENV",
      description = "Environment, required (ENV in the project settings; picks environments/ENV/).")
  String environment;

  @Option(names = "--environmnent", hidden = true, paramLabel = "ENV")
  void environmentTypo(String env) {
    environment = env;
  }

  @Option(names = "--cluster", paramLabel = "CLUSTER", description = "CLUSTER in the settings.")
  String cluster;

  @Option(
      names = "--path",
      paramLabel = "DIR",
      description =
          "Cluster repo directory with the script overrides (default:"
              + " environments/ENV/cluster-infra).")
  Path path;

  @ArgGroup(exclusive = true)
  DeployKeyOptions key;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region of the SSM parameters (default: KUBEHERD_REGION, $AWS_REGION,"
              + " $AWS_DEFAULT_REGION, the AWS profile's region).")
  String region;

  @Mixin KubeOptions kube;

  /** Checks what picocli cannot: {@code --environment} (or its typo alias) was given. */
  void check(CommandSpec spec) {
    if (environment == null || environment.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing required option: '--environment=ENV'");
    }
  }

  Path path(CommandSpec spec) {
    check(spec);
    return path != null ? path : Path.of("environments", environment, "cluster-infra");
  }

  /** The pipeline of {@code repository} in {@code namespace}, with {@code script}. */
  PipelineSpec pipeline(
      BrigApp app, CommandSpec spec, String namespace, Script script, PrintWriter err) {
    return pipeline(app, spec, namespace, script, Map.of(), err);
  }

  /** As above, plus project {@code extraSettings} (e.g. the toolbox image). */
  PipelineSpec pipeline(
      BrigApp app,
      CommandSpec spec,
      String namespace,
      Script script,
      Map<String, String> extraSettings,
      PrintWriter err) {
    check(spec);
    String repo = Repositories.check(spec, "--repository", repository);
    err.println("default script: " + script.origin());
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("ENV", environment);
    Optional.ofNullable(cluster).ifPresent(c -> settings.put("CLUSTER", c));
    settings.putAll(extraSettings);
    try (SecretReader secrets = new SecretReader(app, Optional.ofNullable(region))) {
      Optional<String> sshKey = DeployKeyOptions.read(key, secrets);
      return new PipelineSpec(
          namespace,
          repo,
          repo,
          sshKey,
          Optional.of(script.text()),
          Optional.empty(),
          Map.of(),
          DeployKeyOptions.withParameterNames(
              settings, DeployKeyOptions.parameter(key), Optional.empty()),
          Optional.empty(),
          Optional.empty());
    }
  }

  /** The project name of the pipeline: the repository. */
  String project(CommandSpec spec) {
    return Repositories.check(spec, "--repository", repository);
  }

  /**
   * These flags for the install job's command line: {@code --path} relative to the job's checkout
   * ({@value InstallJob#CHECKOUT}), the key as its SSM parameter's name (never its value) with the
   * region resolved here (the job's environment is empty); no kube flags (the job uses its service
   * account).
   */
  List<String> jobArgs(BrigApp app, CommandSpec spec) {
    check(spec);
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--repository", project(spec), "--environment", environment));
    Optional.ofNullable(cluster).ifPresent(c -> args.addAll(List.of("--cluster", c)));
    Path p = path(spec);
    args.addAll(List.of("--path", p.isAbsolute() ? p.toString() : InstallJob.CHECKOUT + "/" + p));
    List<String> keyArgs = DeployKeyOptions.jobArgs(key, spec);
    args.addAll(keyArgs);
    if (!keyArgs.isEmpty()) {
      AwsRegion.find(Optional.ofNullable(region), app.env())
          .ifPresent(r -> args.addAll(List.of("--region", r)));
    }
    return args;
  }

  /**
   * The install job's command line: {@code kubeherd brigcluster COMMAND… --in-place
   * --install-only}, then {@link #jobArgs these flags}, then {@code more}.
   */
  List<String> installCommand(
      BrigApp app, CommandSpec spec, List<String> command, List<String> more) {
    List<String> argv = new ArrayList<>(List.of("kubeherd", "brigcluster"));
    argv.addAll(command);
    argv.addAll(List.of(JobOptions.IN_PLACE, JobOptions.INSTALL_ONLY));
    argv.addAll(jobArgs(app, spec));
    argv.addAll(more);
    return argv;
  }

  /**
   * The master pipeline in {@code namespace}, with the master default-script precedence and the
   * toolbox image its jobs run.
   */
  PipelineSpec masterPipeline(
      BrigApp app,
      CommandSpec spec,
      String namespace,
      ToolboxImageOption toolbox,
      PrintWriter err) {
    Script script = new DefaultScripts(getClass().getClassLoader()).master(path(spec));
    return pipeline(app, spec, namespace, script, toolbox.settings(), err);
  }

  /** An app's pipeline in namespace {@code appName}, with the worker default-script precedence. */
  PipelineSpec workerPipeline(
      BrigApp app, CommandSpec spec, String appName, ToolboxImageOption toolbox, PrintWriter err) {
    Script script = new DefaultScripts(getClass().getClassLoader()).worker(path(spec));
    return pipeline(app, spec, appName, script, toolbox.settings(), err);
  }

  /**
   * The {@code NS-boot} pipeline {@code master create} installs when it is missing: this
   * repository, its key (read here), kubeherd's bundled master default script.
   */
  PipelineSpec bootPipeline(BrigApp app, CommandSpec spec, String systemNamespace) {
    check(spec);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("CLUSTER_REPO", project(spec));
    settings.put("ENV", environment);
    Optional.ofNullable(cluster).ifPresent(c -> settings.put("CLUSTER", c));
    try (SecretReader secrets = new SecretReader(app, Optional.ofNullable(region))) {
      return BootPipeline.spec(
          systemNamespace,
          project(spec),
          DeployKeyOptions.read(key, secrets),
          Optional.empty(),
          DeployKeyOptions.withParameterNames(
              settings, DeployKeyOptions.parameter(key), Optional.empty()),
          Optional.empty());
    }
  }

  Pipelines parts(BrigApp app, PrintWriter err) {
    return new Pipelines(kube.client(app), app.clock(), err);
  }
}
