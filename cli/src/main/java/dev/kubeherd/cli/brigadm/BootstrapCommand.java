package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.toolkit.DurationConverter;
import dev.kubeherd.controller.LeaseConfig;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.bootstrap.ApiServerWait;
import dev.kubeherd.toolkit.bootstrap.Bootstrap;
import dev.kubeherd.toolkit.bootstrap.InitFiring;
import dev.kubeherd.toolkit.bootstrap.InitMarker;
import dev.kubeherd.toolkit.pipeline.BuildFollow;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm bootstrap} (alias {@code boostrap}; also {@code kubeherd init}): from a controller
 * node's userdata, installs the bootstrap pipeline into {@code <namespace>-boot} and fires {@code
 * init} once, leader-elected with a Lease (§2.8, §3.3).
 */
@Command(
    name = "bootstrap",
    aliases = "boostrap",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Bootstrap the cluster's pipelines: wait for the API server, win the Lease"
          + " kubeherd-bootstrap, create or upgrade the bootstrap engine and project in"
          + " NAMESPACE-boot (repository ORG/BRIGADE_SCRIPT_REPO, else ORG/NAME; ENV, CLUSTER,"
          + " CLUSTER_REPO and BOT_USER in its settings) and fire init, unless an init build is"
          + " already pending, running or succeeded.",
      "Safe to run on every boot of every controller node: concurrent runs take turns on the"
          + " Lease and only the first fires init (its claim: the ConfigMap"
          + " kubeherd-bootstrap-init). A claim that records no build within --lease-timeout"
          + " (counted from when this run first sees it) was left by a bootstrap that died while"
          + " firing: init is fired again. Exits once the"
          + " init build is stored; --wait follows it to the end."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:init fired or already fired (with --wait: succeeded)",
      "1:usage error",
      "3:an SSM parameter is missing, the API server or the Lease did not answer in time, a"
          + " Kubernetes API call failed (a failed fire gives its claim up, so the next bootstrap"
          + " fires), or (with --wait) the init build failed"
    })
public final class BootstrapCommand implements Callable<Integer> {
  static final String LEASE = "kubeherd-bootstrap";

  private final BrigApp app;

  @Spec CommandSpec spec;

  @Option(names = "--name", required = true, paramLabel = "REPO", description = "Cluster repo.")
  String name;

  @Option(names = "--org", required = true, paramLabel = "ORG", description = "GitHub org.")
  String org;

  @Option(
      names = "--ssh-key",
      paramLabel = "PARAM",
      description = "SSM parameter with the deploy key.")
  String sshKey;

  @Option(
      names = "--brigade-script-repo",
      paramLabel = "REPO",
      description = "Repo holding the bootstrap brigade.js (default: the cluster repo).")
  String scriptRepo;

  @Option(
      names = "--brigade-script-path",
      paramLabel = "PATH",
      description = "Path of the script in that repo (default: brigade.js).")
  String scriptPath;

  @Option(
      names = {"-e", "--environment"},
      paramLabel = "ENV",
      description = "Environment.")
  String environment;

  @Option(
      names = {"-c", "--cluster"},
      paramLabel = "CLUSTER",
      description = "Cluster name.")
  String cluster;

  @Option(
      names = {"-u", "--user"},
      paramLabel = "BOT",
      description = "GitHub bot user.")
  String user;

  @Option(
      names = {"-t", "--token"},
      paramLabel = "PARAM",
      description = "SSM parameter with the GitHub token.")
  String token;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "kubeherd-system",
      description =
          "System namespace; the bootstrap pipeline goes to NS-boot (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--wait", description = "Wait for the init build to succeed.")
  boolean await;

  @Option(
      names = "--api-timeout",
      paramLabel = "DURATION",
      defaultValue = "300s",
      converter = DurationConverter.class,
      description = "How long to wait for the API server (default: ${DEFAULT-VALUE}).")
  Duration apiTimeout;

  @Option(
      names = "--lease-timeout",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "How long to wait for the Lease, and for another bootstrap's claim to record its init"
              + " build before firing again (default: ${DEFAULT-VALUE}).")
  Duration leaseTimeout;

  @Option(
      names = "--lease-retry-period",
      hidden = true,
      defaultValue = "2s",
      converter = DurationConverter.class)
  Duration leaseRetry;

  @Option(names = "--identity", hidden = true, description = "Lease identity (default: host).")
  String identity;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "AWS region of the SSM parameters (default: KUBEHERD_REGION, $AWS_REGION,"
              + " $AWS_DEFAULT_REGION, the AWS profile's region).")
  String region;

  @Mixin KubeOptions kube;

  public BootstrapCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec boot;
    try (SecretReader secrets = new SecretReader(app, Optional.ofNullable(region))) {
      boot = bootPipeline(secrets);
    }
    KubernetesClient client = kube.client(app);
    Pipelines parts = new Pipelines(client, app.clock(), err);
    InitFiring init =
        new InitFiring(
            parts.events(),
            new InitMarker(client, app.clock()),
            System::nanoTime,
            leaseTimeout,
            leaseRetry,
            err);
    Bootstrap.Outcome outcome =
        new Bootstrap(
                new ApiServerWait(client, err),
                parts.installer().installingPipelines(),
                parts.events(),
                new LeaseLeaderLock(client, lease(boot.namespace()), leaseTimeout),
                init)
            .run(boot, apiTimeout);
    PrintWriter out = spec.commandLine().getOut();
    Build build = outcome.build();
    out.println(
        (outcome.fired() ? "init fired: build " : "init already fired: build ")
            + build.id()
            + " in namespace "
            + boot.namespace());
    out.flush();
    return await ? follow(client, boot.namespace(), build) : ExitCodes.OK;
  }

  private int follow(KubernetesClient client, String ns, Build build) throws InterruptedException {
    try (ConfigMapLogStore logs = new ConfigMapLogStore(client, ns, app.clock())) {
      Build ended =
          new BuildFollow(
                  parts(client).events().builds(ns),
                  logs,
                  Duration.ofMillis(500),
                  spec.commandLine().getOut())
              .await(build.id(), apiTimeout);
      if (ended.status().phase() != BuildPhase.SUCCEEDED) {
        throw new ToolkitException(
            ToolkitExitCodes.REMOTE_FAILED,
            "init build "
                + ended.id()
                + " failed: "
                + ended.status().message()
                + "; see 'brig build logs "
                + ended.id()
                + " -n "
                + ns
                + "', fix the cluster repo and run bootstrap again");
      }
      return ExitCodes.OK;
    }
  }

  private Pipelines parts(KubernetesClient client) {
    return new Pipelines(client, app.clock(), spec.commandLine().getErr());
  }

  private PipelineSpec bootPipeline(SecretReader secrets) {
    String clusterRepo = Repositories.check(spec, "--org/--name", org + "/" + name);
    String repo =
        scriptRepo == null
            ? clusterRepo
            : Repositories.check(spec, "--brigade-script-repo", org + "/" + scriptRepo);
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("CLUSTER_REPO", clusterRepo);
    Optional.ofNullable(environment).ifPresent(v -> settings.put("ENV", v));
    Optional.ofNullable(cluster).ifPresent(v -> settings.put("CLUSTER", v));
    Optional.ofNullable(user).ifPresent(v -> settings.put("BOT_USER", v));
    return BootPipeline.spec(
        namespace,
        repo,
        secrets.parameter(Optional.ofNullable(sshKey)),
        Optional.ofNullable(scriptPath),
        DeployKeyOptions.withParameterNames(
            settings, Optional.ofNullable(sshKey), Optional.ofNullable(token)),
        secrets.parameter(Optional.ofNullable(token)));
  }

  private LeaseConfig lease(String ns) {
    String me =
        identity != null
            ? identity
            : app.env().getOrDefault("HOSTNAME", "bootstrap") + "-" + UUID.randomUUID();
    return new LeaseConfig(
        ns, LEASE, me, leaseRetry.multipliedBy(8), leaseRetry.multipliedBy(5), leaseRetry);
  }
}
