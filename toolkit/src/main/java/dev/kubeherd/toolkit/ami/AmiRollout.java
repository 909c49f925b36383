package dev.kubeherd.toolkit.ami;

import dev.kubeherd.toolkit.aws.AwsErrors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The launch template and Auto Scaling side of a run, in the build region: checks before anything
 * changes, new default versions (step 6) or the way back (rollback), and instance refreshes
 * followed to the end (step 7).
 */
final class AmiRollout {
  private final AmiBuildOptions o;
  private final LaunchTemplates templates;
  private final InstanceRefreshes refreshes;
  private final Steps steps;

  AmiRollout(AmiBuildOptions o, AwsClients aws, Clock clock, Steps steps) {
    this.o = o;
    String region = o.buildRegion();
    this.templates = new LaunchTemplates(aws.ec2(region), region);
    this.refreshes = new InstanceRefreshes(aws.autoScaling(region), region, clock, steps.details());
    this.steps = steps;
  }

  /**
   * The groups to refresh, once the named templates and groups are known to exist and match and no
   * group has a refresh still running (StartInstanceRefresh would refuse it after the new versions
   * were made default, leaving the run half-rolled).
   */
  List<RefreshTarget> check() {
    Map<String, String> ids = new LinkedHashMap<>();
    for (String name : o.launchTemplates()) {
      ids.put(
          name,
          Steps.aws(
              "checking launch template " + name, () -> templates.find(name).launchTemplateId()));
    }
    if (!o.startInstanceRefresh()) {
      return List.of();
    }
    List<RefreshTarget> targets =
        Steps.aws(
            "checking the auto scaling groups",
            () -> refreshes.targets(o.autoScalingGroups(), ids));
    if (o.refresh().autoRollback()) {
      checkAutoRollback(targets);
    }
    List<String> running =
        Steps.aws(
            "checking the auto scaling groups' instance refreshes",
            () ->
                targets.stream()
                    .map(t -> refreshes.running(t.autoScalingGroup()))
                    .flatMap(Optional::stream)
                    .toList());
    if (!running.isEmpty()) {
      throw new AmiBuildException(
          "an instance refresh is still running: "
              + String.join("; ", running)
              + ". Nothing was built or changed. Wait for it to end, or stop it (aws autoscaling"
              + " cancel-instance-refresh --auto-scaling-group-name GROUP), then run again");
    }
    return targets;
  }

  /**
   * Auto Scaling refuses AutoRollback for a group on {@code $Default} or {@code $Latest}; found
   * here, before packer, rather than at StartInstanceRefresh once the templates have new defaults.
   */
  private static void checkAutoRollback(List<RefreshTarget> targets) {
    List<String> moving =
        targets.stream()
            .filter(RefreshTarget::followsMovingVersion)
            .map(t -> t.autoScalingGroup() + " (" + t.version().orElse("$Default") + ")")
            .toList();
    if (!moving.isEmpty()) {
      throw new AmiBuildException(
          "--auto-rollback needs each group on a numbered launch template version, but "
              + String.join(", ", moving)
              + " follow(s) $Default or $Latest, which Auto Scaling cannot roll back. Nothing was"
              + " built or changed. Leave out --auto-rollback (kubeherd build ami --rollback"
              + " restores), or set the group(s) to a version number");
    }
  }

  /** Step 6: a new default version with {@code ami} in each named template. */
  List<LaunchTemplateChange> update(FlatcarImage source, String ami) {
    if (o.launchTemplates().isEmpty()) {
      steps.step(6, "no --launch-template: no launch template changed");
      return List.of();
    }
    List<LaunchTemplateChange> changes = new ArrayList<>();
    for (String name : o.launchTemplates()) {
      LaunchTemplateChange c =
          Steps.aws(
              "updating launch template " + name,
              () ->
                  templates.update(
                      name,
                      ami,
                      previous ->
                          VersionDescription.format(
                              o.query(), source.version(), o.gitSha(), previous)));
      changes.add(c);
      steps.step(
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

  /** Each named template's recorded previous default version made default again. */
  List<LaunchTemplateChange> rollback() {
    List<LaunchTemplateChange> changes = new ArrayList<>();
    for (String name : o.launchTemplates()) {
      LaunchTemplateChange c =
          Steps.aws("rolling back launch template " + name, () -> templates.rollback(name));
      changes.add(c);
      steps.detail(
          "rollback: launch template "
              + name
              + " default version "
              + c.fromVersion()
              + " -> "
              + c.toVersion());
    }
    return changes;
  }

  /**
   * Step 7: refreshes of {@code targets} to the templates' new default versions, followed. When a
   * start fails, no further group is started, and the refreshes already started are still followed
   * to the end; the failed and untried groups are reported {@link RefreshOutcome#NOT_STARTED}.
   */
  List<RefreshOutcome> refresh(List<RefreshTarget> targets, List<LaunchTemplateChange> changes)
      throws InterruptedException {
    if (targets.isEmpty()) {
      steps.step(7, "no --start-instance-refresh: no group refreshed");
      return List.of();
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    changes.forEach(c -> versions.put(c.name(), c.toVersion()));
    List<RefreshOutcome> started = new ArrayList<>();
    List<RefreshOutcome> notStarted = new ArrayList<>();
    for (RefreshTarget t : targets) {
      long version = versions.get(t.launchTemplate());
      if (!notStarted.isEmpty()) {
        String first = notStarted.getFirst().autoScalingGroup();
        notStarted.add(notStarted(t, version, "not tried after " + first + "'s failed to start"));
        continue;
      }
      try {
        String id =
            refreshes.start(t, version, t.desiredVersion(version, o.rollback()), o.refresh());
        started.add(
            new RefreshOutcome(
                t.autoScalingGroup(), id, t.launchTemplate(), version, "Pending", "", 0));
      } catch (SdkException e) {
        steps.detail("starting the instance refresh of " + t.autoScalingGroup() + " failed");
        notStarted.add(
            notStarted(t, version, "StartInstanceRefresh failed: " + AwsErrors.describe(e)));
      }
    }
    steps.step(
        7,
        "following "
            + started.size()
            + " instance refresh(es)"
            + (notStarted.isEmpty() ? "" : ", " + notStarted.size() + " not started"));
    List<RefreshOutcome> outcomes = new ArrayList<>();
    if (!started.isEmpty()) {
      outcomes.addAll(followed(started));
    }
    outcomes.addAll(notStarted);
    return outcomes;
  }

  /**
   * The started refreshes followed to their end; when following them fails (a denied or dropped
   * request; throttling is retried), each is {@link RefreshOutcome#UNFOLLOWED}, naming its refresh
   * and how to look it up, so the run still ends with the rollback command.
   */
  private List<RefreshOutcome> followed(List<RefreshOutcome> started) throws InterruptedException {
    try {
      return refreshes.follow(started, o.refreshPollInterval(), o.refreshTimeout());
    } catch (SdkException e) {
      String why = AwsErrors.describe(e);
      steps.detail("following the instance refreshes failed: " + why);
      return started.stream()
          .map(
              r ->
                  new RefreshOutcome(
                      r.autoScalingGroup(),
                      r.refreshId(),
                      r.launchTemplate(),
                      r.launchTemplateVersion(),
                      RefreshOutcome.UNFOLLOWED,
                      "refresh "
                          + r.refreshId()
                          + " was started and may still run; following it failed: "
                          + why
                          + "; see aws autoscaling describe-instance-refreshes --region "
                          + o.buildRegion()
                          + " --auto-scaling-group-name "
                          + r.autoScalingGroup(),
                      r.percentageComplete()))
          .toList();
    }
  }

  private static RefreshOutcome notStarted(RefreshTarget t, long version, String reason) {
    return new RefreshOutcome(
        t.autoScalingGroup(),
        "",
        t.launchTemplate(),
        version,
        RefreshOutcome.NOT_STARTED,
        reason,
        0);
  }

  /** The refreshes that did not succeed, as one line each. */
  static String failures(List<RefreshOutcome> refreshes) {
    return refreshes.stream()
        .filter(r -> !r.successful())
        .map(
            r ->
                r.autoScalingGroup()
                    + " "
                    + r.status()
                    + (r.statusReason().isEmpty() ? "" : " (" + r.statusReason() + ")"))
        .collect(Collectors.joining("; "));
  }

  /** The command that undoes this run's launch template changes (and rolls the groups back). */
  String rollbackCommand() {
    StringBuilder b =
        new StringBuilder("kubeherd build ami --rollback --region " + o.buildRegion());
    o.launchTemplates().forEach(t -> b.append(" --launch-template ").append(t));
    if (o.startInstanceRefresh()) {
      o.autoScalingGroups().forEach(g -> b.append(" --asg ").append(g));
      b.append(" --start-instance-refresh");
    }
    return b.toString();
  }
}
