package dev.kubeherd.toolkit.ami;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

  /** The groups to refresh, once the named templates and groups are known to exist and match. */
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
    return Steps.aws(
        "checking the auto scaling groups", () -> refreshes.targets(o.autoScalingGroups(), ids));
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

  /** Step 7: refreshes of {@code targets} to the templates' new default versions, followed. */
  List<RefreshOutcome> refresh(List<RefreshTarget> targets, List<LaunchTemplateChange> changes)
      throws InterruptedException {
    if (targets.isEmpty()) {
      steps.step(7, "no --start-instance-refresh: no group refreshed");
      return List.of();
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    changes.forEach(c -> versions.put(c.name(), c.toVersion()));
    List<RefreshOutcome> started = new ArrayList<>();
    for (RefreshTarget t : targets) {
      long version = versions.get(t.launchTemplate());
      String id =
          Steps.aws(
              "starting the instance refresh of " + t.autoScalingGroup(),
              () -> refreshes.start(t, version, o.refresh()));
      started.add(
          new RefreshOutcome(
              t.autoScalingGroup(), id, t.launchTemplate(), version, "Pending", "", 0));
    }
    steps.step(7, "following " + started.size() + " instance refresh(es)");
    return Steps.awsWaiting(
        "following the instance refreshes",
        () -> refreshes.follow(started, o.refreshPollInterval(), o.refreshTimeout()));
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
