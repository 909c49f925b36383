package dev.kubeherd.toolkit.ami;

import dev.kubeherd.toolkit.aws.AwsErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.DesiredConfiguration;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;
import software.amazon.awssdk.services.autoscaling.model.RefreshStrategy;

/**
 * Rolls Auto Scaling groups to a launch template version with StartInstanceRefresh (the {@link
 * RefreshOptions} as Preferences, a DesiredConfiguration naming template and version) and follows
 * DescribeInstanceRefreshes until each refresh ends, printing a line whenever a refresh's status or
 * progress changes. A throttled poll is retried at the next interval.
 */
public final class InstanceRefreshes {
  private static final Set<String> ENDED =
      Set.of("Successful", "Failed", "Cancelled", "RollbackSuccessful", "RollbackFailed");

  /** Statuses of a refresh that still runs: a group has at most one such refresh. */
  private static final Set<String> ACTIVE =
      Set.of("Pending", "InProgress", "Cancelling", "RollbackInProgress", "Baking");

  private final AutoScalingClient autoScaling;
  private final String region;
  private final Clock clock;
  private final Consumer<String> progress;

  public InstanceRefreshes(
      AutoScalingClient autoScaling, String region, Clock clock, Consumer<String> progress) {
    this.autoScaling = autoScaling;
    this.region = region;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * The groups and the named launch template each launches from, checked before anything changes.
   *
   * @throws AmiBuildException when a group is missing or uses a template not among {@code
   *     templates} (by name or id), or a launch configuration
   */
  public List<RefreshTarget> targets(List<String> groups, Map<String, String> templateIdsByName) {
    Map<String, AutoScalingGroup> found = new LinkedHashMap<>();
    autoScaling
        .describeAutoScalingGroupsPaginator(b -> b.autoScalingGroupNames(groups))
        .autoScalingGroups()
        .forEach(g -> found.put(g.autoScalingGroupName(), g));
    List<RefreshTarget> targets = new ArrayList<>();
    for (String name : groups) {
      AutoScalingGroup group = found.get(name);
      if (group == null) {
        throw new AmiBuildException("auto scaling group " + name + " not found in " + region);
      }
      targets.add(target(group, templateIdsByName));
    }
    return targets;
  }

  private RefreshTarget target(AutoScalingGroup group, Map<String, String> templateIdsByName) {
    MixedInstancesPolicy mixed = group.mixedInstancesPolicy();
    LaunchTemplateSpecification spec =
        mixed != null && mixed.launchTemplate() != null
            ? mixed.launchTemplate().launchTemplateSpecification()
            : group.launchTemplate();
    if (spec == null) {
      throw new AmiBuildException(
          "auto scaling group "
              + group.autoScalingGroupName()
              + " uses a launch configuration, not a launch template: move it to one of the"
              + " --launch-template templates to roll it");
    }
    for (Map.Entry<String, String> t : templateIdsByName.entrySet()) {
      if (t.getKey().equals(spec.launchTemplateName())
          || t.getValue().equals(spec.launchTemplateId())) {
        return new RefreshTarget(
            group.autoScalingGroupName(),
            t.getKey(),
            Optional.ofNullable(mixed),
            Optional.ofNullable(spec.version()).filter(v -> !v.isBlank()));
      }
    }
    throw new AmiBuildException(
        "auto scaling group "
            + group.autoScalingGroupName()
            + " launches from launch template "
            + (spec.launchTemplateName() != null
                ? spec.launchTemplateName()
                : spec.launchTemplateId())
            + ", which is not among --launch-template "
            + templateIdsByName.keySet()
            + ": add it, or leave the group out");
  }

  /**
   * The refresh still running in {@code group}, if any (DescribeInstanceRefreshes lists the newest
   * first, and a group runs one at a time), as a line naming it and how to stop it.
   */
  public Optional<String> running(String group) {
    return autoScaling
        .describeInstanceRefreshes(b -> b.autoScalingGroupName(group))
        .instanceRefreshes()
        .stream()
        .filter(r -> ACTIVE.contains(r.statusAsString()))
        .findFirst()
        .map(
            r ->
                group
                    + " has instance refresh "
                    + r.instanceRefreshId()
                    + " "
                    + r.statusAsString()
                    + (r.percentageComplete() == null ? "" : " " + r.percentageComplete() + "%")
                    + (r.startTime() == null ? "" : " (started " + r.startTime() + ")"));
  }

  /**
   * StartInstanceRefresh to {@code version} of the target's template, named in the desired
   * configuration as {@code desiredVersion} ({@link RefreshTarget#desiredVersion}: the group's own
   * {@code $Default}/{@code $Latest} when it follows one); returns the refresh id.
   */
  public String start(
      RefreshTarget target, long version, String desiredVersion, RefreshOptions options) {
    LaunchTemplateSpecification spec =
        LaunchTemplateSpecification.builder()
            .launchTemplateName(target.launchTemplate())
            .version(desiredVersion)
            .build();
    DesiredConfiguration desired =
        target
            .mixed()
            .map(
                m ->
                    DesiredConfiguration.builder()
                        .mixedInstancesPolicy(
                            m.toBuilder()
                                .launchTemplate(
                                    m.launchTemplate().toBuilder()
                                        .launchTemplateSpecification(spec)
                                        .build())
                                .build())
                        .build())
            .orElseGet(() -> DesiredConfiguration.builder().launchTemplate(spec).build());
    String id =
        autoScaling
            .startInstanceRefresh(
                b ->
                    b.autoScalingGroupName(target.autoScalingGroup())
                        .strategy(RefreshStrategy.ROLLING)
                        .desiredConfiguration(desired)
                        .preferences(options::applyTo))
            .instanceRefreshId();
    progress.accept(
        "instance refresh "
            + id
            + " of "
            + target.autoScalingGroup()
            + " to "
            + target.launchTemplate()
            + " version "
            + version
            + (desiredVersion.equals(Long.toString(version)) ? "" : " (as " + desiredVersion + ")")
            + " started ("
            + options.describe()
            + ")");
    return id;
  }

  /**
   * Polls every {@code interval} until every refresh has ended or {@code timeout} has passed.
   *
   * @param started group → (refresh id, template, version) as started
   */
  public List<RefreshOutcome> follow(
      List<RefreshOutcome> started, Duration interval, Duration timeout)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    Map<String, RefreshOutcome> latest = new LinkedHashMap<>();
    started.forEach(s -> latest.put(s.autoScalingGroup(), s));
    while (true) {
      for (RefreshOutcome before : List.copyOf(latest.values())) {
        if (!ENDED.contains(before.status())) {
          Optional<RefreshOutcome> read = pollTolerating(before);
          if (read.isEmpty()) {
            continue;
          }
          RefreshOutcome now = read.get();
          if (!now.status().equals(before.status())
              || now.percentageComplete() != before.percentageComplete()) {
            progress.accept(line(now));
          }
          latest.put(now.autoScalingGroup(), now);
        }
      }
      if (latest.values().stream().allMatch(o -> ENDED.contains(o.status()))) {
        return List.copyOf(latest.values());
      }
      if (!clock.instant().isBefore(deadline)) {
        return latest.values().stream()
            .map(o -> ENDED.contains(o.status()) ? o : timedOut(o, timeout))
            .toList();
      }
      Thread.sleep(interval);
    }
  }

  /**
   * One poll; a throttled or 5xx answer (after the SDK's own retries) is reported and leaves the
   * refresh as it was, to be read again at the next interval: the refresh runs on in AWS, and the
   * deadline still bounds the follow.
   */
  private Optional<RefreshOutcome> pollTolerating(RefreshOutcome before) {
    try {
      return Optional.of(poll(before));
    } catch (AwsServiceException e) {
      if (!e.isThrottlingException() && e.statusCode() < 500) {
        throw e;
      }
      progress.accept(
          "instance refresh of "
              + before.autoScalingGroup()
              + ": not read this time ("
              + AwsErrors.describe(e)
              + "); polling again");
      return Optional.empty();
    }
  }

  private RefreshOutcome poll(RefreshOutcome before) {
    List<InstanceRefresh> refreshes =
        autoScaling
            .describeInstanceRefreshes(
                b ->
                    b.autoScalingGroupName(before.autoScalingGroup())
                        .instanceRefreshIds(before.refreshId()))
            .instanceRefreshes();
    if (refreshes.isEmpty()) {
      return before;
    }
    InstanceRefresh r = refreshes.getFirst();
    return new RefreshOutcome(
        before.autoScalingGroup(),
        before.refreshId(),
        before.launchTemplate(),
        before.launchTemplateVersion(),
        r.statusAsString(),
        r.statusReason() == null ? "" : r.statusReason(),
        r.percentageComplete() == null ? before.percentageComplete() : r.percentageComplete());
  }

  private static RefreshOutcome timedOut(RefreshOutcome o, Duration timeout) {
    return new RefreshOutcome(
        o.autoScalingGroup(),
        o.refreshId(),
        o.launchTemplate(),
        o.launchTemplateVersion(),
        RefreshOutcome.TIMED_OUT,
        "still "
            + o.status()
            + " after "
            + timeout
            + "; it keeps running in AWS (aws autoscaling"
            + " cancel-instance-refresh --auto-scaling-group-name "
            + o.autoScalingGroup()
            + " stops it)",
        o.percentageComplete());
  }

  private static String line(RefreshOutcome o) {
    return "instance refresh of "
        + o.autoScalingGroup()
        + ": "
        + o.status()
        + " "
        + o.percentageComplete()
        + "%"
        + (o.statusReason().isEmpty() ? "" : " (" + o.statusReason() + ")");
  }
}
