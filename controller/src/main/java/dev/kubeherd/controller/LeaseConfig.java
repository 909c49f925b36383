package dev.kubeherd.controller;

import java.time.Duration;
import java.util.Objects;

/**
 * The leader-election Lease: which one ({@code namespace/name}), who we are, and its timings
 * (duration &gt; renew deadline &gt; retry period, as the Kubernetes leader election requires).
 */
public record LeaseConfig(
    String namespace,
    String name,
    String identity,
    Duration leaseDuration,
    Duration renewDeadline,
    Duration retryPeriod) {

  public LeaseConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    Objects.requireNonNull(renewDeadline, "renewDeadline");
    Objects.requireNonNull(retryPeriod, "retryPeriod");
  }

  /** The same Lease under another identity (a second controller instance). */
  public LeaseConfig withIdentity(String otherIdentity) {
    return new LeaseConfig(
        namespace, name, otherIdentity, leaseDuration, renewDeadline, retryPeriod);
  }
}
