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
    return version.map(v -> v.equals("$Default") || v.equals("$Latest")).orElse(true);
  }
}
