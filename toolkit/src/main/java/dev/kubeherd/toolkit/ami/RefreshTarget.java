package dev.kubeherd.toolkit.ami;

import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;

/**
 * An Auto Scaling group and the named launch template it launches from; {@code mixed} is its mixed
 * instances policy, when it has one (the refresh then keeps its overrides and distribution); {@code
 * version} is the template version the group is configured with ({@code $Default}, {@code $Latest}
 * or a number; empty when not set, which Auto Scaling treats as {@code $Default}).
 */
public record RefreshTarget(
    String autoScalingGroup,
    String launchTemplate,
    Optional<MixedInstancesPolicy> mixed,
    Optional<String> version) {

  /**
   * Whether the group follows {@code $Default} or {@code $Latest} instead of a numbered version:
   * Auto Scaling cannot roll such a group back (AutoRollback, RollbackInstanceRefresh).
   */
  public boolean followsMovingVersion() {
    return version.map(v -> v.equals(DEFAULT) || v.equals(LATEST)).orElse(true);
  }

  /**
   * The version to name in the refresh's DesiredConfiguration, which Auto Scaling makes the group's
   * own when the refresh succeeds: a group on {@code $Default} (or none) keeps {@code $Default}, so
   * later default changes still reach it; a group on {@code $Latest} keeps {@code $Latest} when
   * building (the new version is the latest), but a rollback names {@code number}, since {@code
   * $Latest} still is the new version; a group on a numbered version gets {@code number}.
   *
   * @param number the launch template's new default version
   * @param rollingBack whether {@code number} is a rollback to the previous default
   */
  public String desiredVersion(long number, boolean rollingBack) {
    String own = version.orElse(DEFAULT);
    if (own.equals(DEFAULT) || (own.equals(LATEST) && !rollingBack)) {
      return own;
    }
    return Long.toString(number);
  }

  private static final String DEFAULT = "$Default";
  private static final String LATEST = "$Latest";
}
