package dev.kubeherd.toolkit.ami;

import java.util.Optional;
import software.amazon.awssdk.services.autoscaling.model.MixedInstancesPolicy;

/**
 * An Auto Scaling group and the named launch template it launches from; {@code mixed} is its mixed
 * instances policy, when it has one (the refresh then keeps its overrides and distribution).
 */
public record RefreshTarget(
    String autoScalingGroup, String launchTemplate, Optional<MixedInstancesPolicy> mixed) {}
