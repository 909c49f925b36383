package dev.kubeherd.toolkit.ami;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code kubeherd build ami}, step by step: (1) resolve the source Flatcar AMI, (2) packer build,
 * (3) read the manifest, (4) tag the AMIs, (5) publish to SSM, (6) new default launch template
 * versions, (7) instance refreshes, (8) prune. Launch templates and groups are checked before
 * packer runs; nothing is published or changed unless packer produced AMIs. {@code --rollback}
 * instead makes each template's recorded previous default version default again.
 */
public final class AmiBuild {
  private static final int STEPS = 8;
  private final AwsClients aws;
  private final Clock clock;
  private final Consumer<String> progress;

  /**
   * @param progress receives progress lines, packer's output included
   */
  public AmiBuild(AwsClients aws, Clock clock, Consumer<String> progress) {
    this.aws = aws;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Builds and rolls out, or rolls back with {@link AmiBuildOptions#rollback()}.
   *
   * @throws NoFlatcarImageException no source image (exit 3)
   * @throws PackerFailedException packer failed; nothing changed (exit 4)
   * @throws InstanceRefreshFailedException a refresh did not succeed (exit 5)
   * @throws AmiBuildException any other step failed (exit 1)
   */
  public AmiBuildReport run(AmiBuildOptions options) throws InterruptedException {
    return options.rollback() ? rollback(options) : build(options);
  }

  private AmiBuildReport build(AmiBuildOptions o) throws InterruptedException {
    String region = o.buildRegion();
    Map<String, String> templates = call("checking the launch templates", () -> templateIds(o));
    List<RefreshTarget> targets = refreshTargets(o, templates);

    FlatcarImage source =
        call("finding the Flatcar image", () -> new FlatcarImages(aws::ec2).resolve(o.query()));
    step(1, "source " + source.imageId() + " (" + source.name() + ") in " + region);

    Map<String, String> amis = bake(o, source);

    Map<String, String> tags = AmiTags.of(o.query(), source, o.gitSha());
    call("tagging the AMIs", () -> run(() -> new AmiTags(aws::ec2).tag(amis, tags)));
    step(4, "tagged " + String.join(", ", amis.values()) + " " + AmiTags.MANAGED + "=true");

    Map<String, Long> ssmVersions = publish(o, source, amis);
    List<LaunchTemplateChange> changes = updateTemplates(o, source, amis.get(region));
    List<RefreshOutcome> refreshes = refresh(o, targets, changes);
    AmiBuildReport soFar =
        new AmiBuildReport(
            Optional.of(source),
            amis,
            o.ssmParameter(),
            ssmVersions,
            changes,
            refreshes,
            List.of(),
            List.of());
    failOnRefresh(refreshes, changes, o, soFar);

    AmiPruner.Result pruned = prune(o, amis);
    return new AmiBuildReport(
        Optional.of(source),
        amis,
        o.ssmParameter(),
        ssmVersions,
        changes,
        refreshes,
        pruned.deleted(),
        pruned.kept());
  }

  private Map<String, String> templateIds(AmiBuildOptions o) {
    LaunchTemplates lts = new LaunchTemplates(aws.ec2(o.buildRegion()), o.buildRegion());
    Map<String, String> ids = new LinkedHashMap<>();
    for (String name : o.launchTemplates()) {
      ids.put(name, lts.find(name).launchTemplateId());
    }
    return ids;
  }

  private List<RefreshTarget> refreshTargets(AmiBuildOptions o, Map<String, String> templates) {
    if (!o.startInstanceRefresh()) {
      return List.of();
    }
    return call(
        "checking the auto scaling groups",
        () -> refreshes(o.buildRegion()).targets(o.autoScalingGroups(), templates));
  }

  private Map<String, String> bake(AmiBuildOptions o, FlatcarImage source)
      throws InterruptedException {
    Path work = tempDir();
    try {
      Path template =
          o.template().orElseGet(() -> BundledTemplate.extractTo(work.resolve("packer")));
      Path manifest = work.resolve("packer-manifest.json");
      step(2, "packer build " + template + " (" + o.packer() + ")");
      new PackerRun(o.packer(), line -> progress.accept("  " + line))
          .build(template, o.varFile(), PackerVariables.of(o, source, manifest));
      Map<String, String> amis = PackerManifest.lastRunAmis(manifest);
      if (!amis.containsKey(o.buildRegion())) {
        throw new PackerFailedException(
            "the packer manifest has no AMI in the build region " + o.buildRegion() + ": " + amis,
            List.of());
      }
      step(
          3,
          "built "
              + amis.entrySet().stream()
                  .map(e -> e.getKey() + ":" + e.getValue())
                  .collect(Collectors.joining(", ")));
      return amis;
    } finally {
      deleteTree(work);
    }
  }

  private Map<String, Long> publish(
      AmiBuildOptions o, FlatcarImage source, Map<String, String> amis) {
    if (o.ssmParameter().isEmpty()) {
      step(5, "no --publish-ssm-parameter: nothing published");
      return Map.of();
    }
    String name = o.ssmParameter().get();
    String label = SsmPublisher.label(source.version());
    Map<String, Long> versions =
        call(
            "publishing to SSM parameter " + name,
            () -> new SsmPublisher(aws::ssm).publish(name, amis, label));
    step(
        5,
        "SSM parameter "
            + name
            + " = AMI of each region, versions "
            + versions
            + " labelled "
            + label);
    return versions;
  }

  private List<LaunchTemplateChange> updateTemplates(
      AmiBuildOptions o, FlatcarImage source, String ami) {
    if (o.launchTemplates().isEmpty()) {
      step(6, "no --launch-template: no launch template changed");
      return List.of();
    }
    LaunchTemplates lts = new LaunchTemplates(aws.ec2(o.buildRegion()), o.buildRegion());
    List<LaunchTemplateChange> changes = new ArrayList<>();
    for (String name : o.launchTemplates()) {
      LaunchTemplateChange c =
          call(
              "updating launch template " + name,
              () ->
                  lts.update(
                      name,
                      ami,
                      previous ->
                          VersionDescription.format(
                              o.query(), source.version(), o.gitSha(), previous)));
      changes.add(c);
      step(
          6,
          "launch template "
              + name
              + ": default version "
              + c.fromVersion()
              + " -> "
              + c.toVersion()
              + " ("
              + ami
              + ")");
    }
    return changes;
  }

  private List<RefreshOutcome> refresh(
      AmiBuildOptions o, List<RefreshTarget> targets, List<LaunchTemplateChange> changes)
      throws InterruptedException {
    if (targets.isEmpty()) {
      step(7, "no --start-instance-refresh: no group refreshed");
      return List.of();
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    changes.forEach(c -> versions.put(c.name(), c.toVersion()));
    InstanceRefreshes refreshes = refreshes(o.buildRegion());
    List<RefreshOutcome> started = new ArrayList<>();
    for (RefreshTarget t : targets) {
      long version = versions.get(t.launchTemplate());
      String id =
          call(
              "starting the instance refresh of " + t.autoScalingGroup(),
              () ->
                  refreshes.start(
                      t,
                      version,
                      o.minHealthyPercentage(),
                      o.instanceWarmupSeconds().isPresent()
                          ? o.instanceWarmupSeconds().getAsInt()
                          : null));
      started.add(
          new RefreshOutcome(
              t.autoScalingGroup(), id, t.launchTemplate(), version, "Pending", "", 0));
    }
    step(7, "following " + started.size() + " instance refresh(es)");
    return callInterruptibly(
        "following the instance refreshes",
        () -> refreshes.follow(started, o.refreshPollInterval(), o.refreshTimeout()));
  }

  private void failOnRefresh(
      List<RefreshOutcome> refreshes,
      List<LaunchTemplateChange> changes,
      AmiBuildOptions o,
      AmiBuildReport report) {
    List<RefreshOutcome> failed = refreshes.stream().filter(r -> !r.successful()).toList();
    if (failed.isEmpty()) {
      return;
    }
    String what =
        failed.stream()
            .map(
                r ->
                    r.autoScalingGroup()
                        + " "
                        + r.status()
                        + (r.statusReason().isEmpty() ? "" : " (" + r.statusReason() + ")"))
            .collect(Collectors.joining("; "));
    String back =
        changes.stream()
            .map(c -> c.name() + " version " + c.fromVersion())
            .collect(Collectors.joining(", "));
    throw new InstanceRefreshFailedException(
        "instance refresh did not succeed: "
            + what
            + ". The new launch template versions stay default and record the previous ones: "
            + rollbackHint(o)
            + " restores "
            + back,
        report);
  }

  static String rollbackHint(AmiBuildOptions o) {
    StringBuilder b =
        new StringBuilder("kubeherd build ami --rollback --region " + o.buildRegion());
    o.launchTemplates().forEach(t -> b.append(" --launch-template ").append(t));
    if (o.startInstanceRefresh()) {
      o.autoScalingGroups().forEach(g -> b.append(" --asg ").append(g));
      b.append(" --start-instance-refresh");
    }
    return b.toString();
  }

  private AmiPruner.Result prune(AmiBuildOptions o, Map<String, String> amis) {
    if (o.keep().isEmpty()) {
      step(8, "no --keep: nothing pruned");
      return new AmiPruner.Result(List.of(), List.of());
    }
    int keep = o.keep().getAsInt();
    String pattern =
        o.amiNamePrefix() + "-flatcar-" + o.channel().id() + "-*-" + o.arch().id() + "-*";
    AmiReferences references = new AmiReferences(aws::ec2, aws::autoScaling);
    AmiPruner pruner = new AmiPruner(aws::ec2, line -> progress.accept("  " + line));
    List<PrunedAmi> deleted = new ArrayList<>();
    List<KeptAmi> kept = new ArrayList<>();
    for (Map.Entry<String, String> built : amis.entrySet()) {
      String region = built.getKey();
      AmiPruner.Result r =
          call(
              "pruning old AMIs in " + region,
              () -> {
                List<String> named =
                    region.equals(o.buildRegion()) ? o.launchTemplates() : List.of();
                Set<String> inUse = references.inUse(region, named);
                return pruner.prune(region, pattern, o.arch(), keep, inUse, built.getValue());
              });
      deleted.addAll(r.deleted());
      kept.addAll(r.kept());
    }
    step(
        8,
        "pruned "
            + deleted.size()
            + " AMI(s), kept "
            + kept.size()
            + " (newest "
            + keep
            + " and those in use)");
    return new AmiPruner.Result(deleted, kept);
  }

  private AmiBuildReport rollback(AmiBuildOptions o) throws InterruptedException {
    Map<String, String> templates = call("checking the launch templates", () -> templateIds(o));
    List<RefreshTarget> targets = refreshTargets(o, templates);
    LaunchTemplates lts = new LaunchTemplates(aws.ec2(o.buildRegion()), o.buildRegion());
    List<LaunchTemplateChange> changes = new ArrayList<>();
    for (String name : o.launchTemplates()) {
      LaunchTemplateChange c =
          call("rolling back launch template " + name, () -> lts.rollback(name));
      changes.add(c);
      progress.accept(
          "rollback: launch template "
              + name
              + " default version "
              + c.fromVersion()
              + " -> "
              + c.toVersion());
    }
    List<RefreshOutcome> refreshes = refresh(o, targets, changes);
    AmiBuildReport report = AmiBuildReport.rollback(changes, refreshes);
    List<RefreshOutcome> failed = refreshes.stream().filter(r -> !r.successful()).toList();
    if (!failed.isEmpty()) {
      throw new InstanceRefreshFailedException(
          "the rollback's instance refresh did not succeed: "
              + failed.stream()
                  .map(r -> r.autoScalingGroup() + " " + r.status() + " " + r.statusReason())
                  .collect(Collectors.joining("; "))
              + ". The launch templates are back on their previous default versions",
          report);
    }
    return report;
  }

  private InstanceRefreshes refreshes(String region) {
    return new InstanceRefreshes(
        aws.autoScaling(region), region, clock, line -> progress.accept("  " + line));
  }

  private void step(int n, String line) {
    progress.accept("[" + n + "/" + STEPS + "] " + line);
  }

  /** Runs an AWS call; SDK failures become an {@link AmiBuildException} naming {@code what}. */
  private static <T> T call(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new AmiBuildException(what + " failed: " + e.getMessage(), e);
    }
  }

  private interface InterruptibleCall<T> {
    T get() throws InterruptedException;
  }

  private static <T> T callInterruptibly(String what, InterruptibleCall<T> call)
      throws InterruptedException {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new AmiBuildException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static Void run(Runnable r) {
    r.run();
    return null;
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kubeherd-ami");
    } catch (IOException e) {
      throw new UncheckedIOException("creating a work directory for packer", e);
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp directory
    }
  }
}
