package dev.kubeherd.toolkit.ami;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code kubeherd build ami}, step by step: (1) resolve the source Flatcar AMI, (2) packer build,
 * (3) read the manifest, (4) tag the AMIs, (5) publish to SSM, (6) new default launch template
 * versions, (7) instance refreshes, (8) prune. Launch templates and groups are checked before
 * packer runs; nothing is published or changed unless packer produced AMIs. {@code --rollback}
 * instead makes each template's recorded previous default version default again.
 */
public final class AmiBuild {
  private final AwsClients aws;
  private final Clock clock;
  private final Steps steps;

  /**
   * @param progress receives progress lines, packer's output included
   */
  public AmiBuild(AwsClients aws, Clock clock, Consumer<String> progress) {
    this.aws = aws;
    this.clock = clock;
    this.steps = new Steps(progress);
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
    AmiRollout rollout = new AmiRollout(o, aws, clock, steps);
    List<RefreshTarget> targets = rollout.check();

    FlatcarImage source =
        Steps.aws(
            "finding the Flatcar image", () -> new FlatcarImages(aws::ec2).resolve(o.query()));
    steps.step(1, "source " + source.imageId() + " (" + source.name() + ") in " + o.buildRegion());

    Map<String, String> amis = bake(o, source);

    Map<String, String> tags = AmiTags.of(o.query(), source, o.gitSha());
    Steps.awsRun("tagging the AMIs", () -> new AmiTags(aws::ec2).tag(amis, tags));
    steps.step(4, "tagged " + String.join(", ", amis.values()) + " " + AmiTags.MANAGED + "=true");

    Map<String, Long> ssmVersions = publish(o, source, amis);
    List<LaunchTemplateChange> changes = rollout.update(source, amis.get(o.buildRegion()));
    List<RefreshOutcome> refreshes = rollout.refresh(targets, changes);
    String failures = AmiRollout.failures(refreshes);
    if (!failures.isEmpty()) {
      throw new InstanceRefreshFailedException(
          "instance refresh did not succeed: "
              + failures
              + ". The new launch template versions stay default and record the previous ones: "
              + rollout.rollbackCommand()
              + " restores "
              + changes.stream()
                  .map(c -> c.name() + " version " + c.fromVersion())
                  .collect(Collectors.joining(", ")),
          new AmiBuildReport(
              Optional.of(source),
              amis,
              o.ssmParameter(),
              ssmVersions,
              changes,
              refreshes,
              List.of(),
              List.of()));
    }

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

  private Map<String, String> bake(AmiBuildOptions o, FlatcarImage source)
      throws InterruptedException {
    Path work = tempDir();
    try {
      Path template =
          o.template().orElseGet(() -> BundledTemplate.extractTo(work.resolve("packer")));
      Path manifest = work.resolve("packer-manifest.json");
      steps.step(2, "packer build " + template + " (" + o.packer() + ")");
      new PackerRun(o.packer(), steps.details(), o.packerTimeout())
          .build(template, o.varFile(), PackerVariables.of(o, source, manifest));
      Map<String, String> amis = PackerManifest.lastRunAmis(manifest);
      if (!amis.containsKey(o.buildRegion())) {
        throw new PackerFailedException(
            "the packer manifest has no AMI in the build region " + o.buildRegion() + ": " + amis,
            List.of());
      }
      steps.step(
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
      steps.step(5, "no --publish-ssm-parameter: nothing published");
      return Map.of();
    }
    String name = o.ssmParameter().get();
    String label = SsmPublisher.label(source.version());
    Map<String, Long> versions =
        Steps.aws(
            "publishing to SSM parameter " + name,
            () -> new SsmPublisher(aws::ssm).publish(name, amis, label));
    steps.step(5, "SSM parameter " + name + " versions " + versions + " labelled " + label);
    return versions;
  }

  private AmiPruner.Result prune(AmiBuildOptions o, Map<String, String> amis) {
    if (o.keep().isEmpty()) {
      steps.step(8, "no --keep: nothing pruned");
      return new AmiPruner.Result(List.of(), List.of());
    }
    int keep = o.keep().getAsInt();
    String pattern =
        o.amiNamePrefix() + "-flatcar-" + o.channel().id() + "-*-" + o.arch().id() + "-*";
    AmiReferences references = new AmiReferences(aws::ec2, aws::autoScaling);
    AmiPruner pruner = new AmiPruner(aws::ec2, steps.details());
    List<PrunedAmi> deleted = new ArrayList<>();
    List<KeptAmi> kept = new ArrayList<>();
    for (Map.Entry<String, String> built : amis.entrySet()) {
      String region = built.getKey();
      AmiPruner.Result r =
          Steps.aws(
              "pruning old AMIs in " + region,
              () -> {
                Set<String> inUse = references.inUse(region);
                return pruner.prune(region, pattern, o.arch(), keep, inUse, built.getValue());
              });
      deleted.addAll(r.deleted());
      kept.addAll(r.kept());
    }
    steps.step(
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
    AmiRollout rollout = new AmiRollout(o, aws, clock, steps);
    List<RefreshTarget> targets = rollout.check();
    List<LaunchTemplateChange> changes = rollout.rollback();
    List<RefreshOutcome> refreshes = rollout.refresh(targets, changes);
    AmiBuildReport report = AmiBuildReport.rollback(changes, refreshes);
    String failures = AmiRollout.failures(refreshes);
    if (!failures.isEmpty()) {
      throw new InstanceRefreshFailedException(
          "the rollback's instance refresh did not succeed: "
              + failures
              + ". The launch templates are back on their previous default versions",
          report);
    }
    return report;
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
