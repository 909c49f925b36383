package dev.kubeherd.cli.toolkit;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.output.DocumentOption;
import dev.kubeherd.toolkit.ami.AmiArch;
import dev.kubeherd.toolkit.ami.AmiBuild;
import dev.kubeherd.toolkit.ami.AmiBuildOptions;
import dev.kubeherd.toolkit.ami.AmiBuildReport;
import dev.kubeherd.toolkit.ami.AwsClients;
import dev.kubeherd.toolkit.ami.FlatcarChannel;
import dev.kubeherd.toolkit.ami.InstanceRefreshFailedException;
import dev.kubeherd.toolkit.ami.RefreshOptions;
import dev.kubeherd.toolkit.aws.AwsRegion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubeherd build ami}: bakes a node AMI on the newest (or a pinned) Flatcar release with
 * packer, publishes it and rolls Auto Scaling groups to it; {@code --rollback} goes back. The steps
 * live in {@link AmiBuild}; this class maps flags and prints: progress to stderr, the report to
 * stdout ({@code -o yaml|json}).
 */
@Command(
    name = "ami",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Build a Flatcar node AMI with packer, publish it and roll the nodes to it.",
      "Steps: (1) newest Flatcar AMI of channel/arch (or --flatcar-version) via DescribeImages;"
          + " (2) packer build; (3) read its manifest; (4) tag the AMIs; (5) put the AMI id to the"
          + " SSM parameter in each region; (6) new launch template versions with the image,"
          + " made default; (7) instance refreshes, followed to the end; (8) prune old AMIs.",
      "Launch templates and groups are in the build region (the first --region). AWS"
          + " credentials come from the environment, a profile, web identity (IRSA) or the"
          + " instance role."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:built and rolled out (or rolled back)",
      "1:usage error, AWS API error, a group with an instance refresh still running (nothing"
          + " changed), or nothing recorded to roll back to",
      "3:no Flatcar image for the channel, version, arch and region",
      "4:packer failed or left no usable manifest; nothing was published or changed",
      "5:an instance refresh failed, was cancelled, timed out or could not be started;"
          + " --rollback restores the previous launch template versions"
    })
public final class AmiBuildCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Option(
      names = "--template",
      paramLabel = "FILE",
      description = "Packer template (default: the bundled flatcar.pkr.hcl).")
  Path template;

  @Option(
      names = "--var-file",
      paramLabel = "FILE",
      description = "Packer variable file (-var-file); the resolved variables still win.")
  Path varFile;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      defaultValue = "stable",
      description = "Flatcar channel: stable, beta, alpha or lts (default: ${DEFAULT-VALUE}).")
  String channel;

  @Option(
      names = "--flatcar-version",
      paramLabel = "VERSION",
      defaultValue = "current",
      description =
          "current (newest of the channel) or a release like 4152.2.3 (default: ${DEFAULT-VALUE}).")
  String flatcarVersion;

  @Option(
      names = "--arch",
      paramLabel = "ARCH",
      defaultValue = "x86_64",
      description = "x86_64 or arm64 (default: ${DEFAULT-VALUE}).")
  String arch;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description =
          "Build region, then regions to copy to (repeatable; default $AWS_REGION,"
              + " $AWS_DEFAULT_REGION, else the AWS profile's region).")
  List<String> regions = new ArrayList<>();

  @Option(
      names = "--instance-type",
      paramLabel = "TYPE",
      description = "Build instance type (default t3.small, t4g.small for arm64).")
  String instanceType;

  @Option(
      names = "--subnet-id",
      paramLabel = "ID",
      description = "Subnet of the build instance (default: the default VPC).")
  String subnetId;

  @Option(
      names = "--ami-name-prefix",
      paramLabel = "PREFIX",
      defaultValue = "kubeherd-node",
      description = "AMI name prefix (default: ${DEFAULT-VALUE}).")
  String amiNamePrefix;

  @Option(
      names = "--publish-ssm-parameter",
      paramLabel = "NAME",
      description =
          "SSM parameter to put the AMI id to, in each region (labelled flatcar-<version>).")
  String ssmParameter;

  @Option(
      names = "--launch-template",
      paramLabel = "NAME",
      description = "Launch template to give a new default version with the AMI (repeatable).")
  List<String> launchTemplates = new ArrayList<>();

  @Option(
      names = "--asg",
      paramLabel = "NAME",
      description = "Auto Scaling group to refresh (repeatable).")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--start-instance-refresh",
      description = "Start an instance refresh of each --asg and follow it to the end.")
  boolean startInstanceRefresh;

  @Option(
      names = "--min-healthy-percentage",
      paramLabel = "PERCENT",
      defaultValue = "90",
      description = "Of each group during the refresh (default: ${DEFAULT-VALUE}).")
  int minHealthyPercentage;

  @Option(
      names = "--max-healthy-percentage",
      paramLabel = "PERCENT",
      description =
          "Upper bound of each group during the refresh, 100 to 200 and at most 100 above the"
              + " minimum; above 100 launches new instances before old ones go (default: not"
              + " sent: the group's instance maintenance policy, else 100).")
  Integer maxHealthyPercentage;

  @Option(
      names = "--checkpoint-percentages",
      paramLabel = "PERCENT",
      split = ",",
      description =
          "Refresh checkpoints, rising and ending at 100, e.g. 20,50,100 (default: none).")
  List<Integer> checkpointPercentages = new ArrayList<>();

  @Option(
      names = "--checkpoint-delay",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Pause at each checkpoint (default: Auto Scaling's, 1h).")
  Duration checkpointDelay;

  @Option(
      names = "--auto-rollback",
      description =
          "Let Auto Scaling roll a group back to its previous configuration when its refresh"
              + " fails. Each --asg must be on a numbered launch template version: Auto Scaling"
              + " cannot roll back one on $Default or $Latest (refused before packer).")
  boolean autoRollback;

  @Option(
      names = "--instance-warmup",
      paramLabel = "SECONDS",
      description = "Instance warmup of the refresh (default: the group's).")
  Integer instanceWarmup;

  @Option(
      names = "--refresh-poll-interval",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "How often refreshes are checked (default: ${DEFAULT-VALUE}).")
  Duration refreshPollInterval;

  @Option(
      names = "--refresh-timeout",
      paramLabel = "DURATION",
      defaultValue = "2h",
      converter = DurationConverter.class,
      description =
          "Give up following refreshes after this (default: ${DEFAULT-VALUE}); they keep"
              + " running. Must be longer than the --checkpoint-delay pauses at the"
              + " --checkpoint-percentages below 100.")
  Duration refreshTimeout;

  @Option(
      names = "--keep",
      paramLabel = "N",
      description =
          "Prune kubeherd AMIs of this prefix, channel and arch beyond the newest N (never one in use).")
  Integer keep;

  @Option(
      names = "--rollback",
      description =
          "Make each --launch-template's previous default version (recorded by the last build) default again; with --start-instance-refresh also roll the groups back. Builds nothing.")
  boolean rollback;

  @Option(
      names = "--packer",
      paramLabel = "PATH",
      defaultValue = "${env:KUBEHERD_PACKER:-packer}",
      description = "packer executable (default: ${DEFAULT-VALUE}).")
  String packer;

  @Option(
      names = "--packer-timeout",
      paramLabel = "DURATION",
      defaultValue = "2h",
      converter = DurationConverter.class,
      description =
          "Stop packer (SIGTERM: it deletes its temporary instance) if the build runs longer"
              + " (default: ${DEFAULT-VALUE}).")
  Duration packerTimeout;

  @Option(
      names = "--git-sha",
      paramLabel = "SHA",
      defaultValue = "${env:KUBEHERD_GIT_SHA}",
      description =
          "Commit recorded in tags and versions (default: $KUBEHERD_GIT_SHA, else git rev-parse HEAD here).")
  String gitSha;

  @Mixin DocumentOption output;

  public AmiBuildCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    AmiBuildOptions options = options();
    if (!rollback) {
      PackerExecutable.requireInstalled(packer, app.env());
    }
    PrintWriter err = spec.commandLine().getErr();
    try (AwsClients aws = AwsClients.fromEnvironment(app.env())) {
      AmiBuild build =
          new AmiBuild(
              aws,
              app.clock(),
              line -> {
                err.println(line);
                err.flush();
              });
      print(build.run(options));
    } catch (InstanceRefreshFailedException e) {
      print(e.report());
      throw e;
    }
    return ExitCodes.OK;
  }

  private void print(AmiBuildReport report) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.format().render(report.toDocument(rollback)));
    out.flush();
  }

  private AmiBuildOptions options() {
    try {
      return AmiBuildOptions.builder()
          .template(template)
          .varFile(varFile)
          .channel(channel())
          .flatcarVersion(flatcarVersion)
          .arch(AmiArch.of(arch))
          .regions(regions.isEmpty() ? defaultRegion() : regions)
          .instanceType(instanceType)
          .subnetId(subnetId)
          .amiNamePrefix(amiNamePrefix)
          .ssmParameter(ssmParameter)
          .launchTemplates(launchTemplates)
          .autoScalingGroups(groups)
          .startInstanceRefresh(startInstanceRefresh)
          .refresh(
              RefreshOptions.of(
                  minHealthyPercentage,
                  maxHealthyPercentage,
                  instanceWarmup,
                  checkpointPercentages,
                  checkpointDelay,
                  autoRollback))
          .keep(keep)
          .rollback(rollback)
          .packer(packer)
          .gitSha(gitSha == null || gitSha.isBlank() ? gitHead() : gitSha)
          .refreshPollInterval(refreshPollInterval)
          .refreshTimeout(refreshTimeout)
          .packerTimeout(packerTimeout)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private FlatcarChannel channel() {
    try {
      return FlatcarChannel.valueOf(channel.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--channel must be stable, beta, alpha or lts, not " + channel);
    }
  }

  private List<String> defaultRegion() {
    return AwsRegion.find(Optional.empty(), app.env()).stream().toList();
  }

  /** The commit checked out here, or {@code unknown}. */
  private static String gitHead() {
    try {
      Process git =
          new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(false).start();
      String sha = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      return git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0 && !sha.isEmpty()
          ? sha
          : "unknown";
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
