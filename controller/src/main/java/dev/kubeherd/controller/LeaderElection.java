package dev.kubeherd.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Kubernetes Lease (fabric8's {@code LeaderElector} with a {@link LeaseLock}):
 * of all controller instances, only the leader runs {@code onStartLeading}'s work; losing the lease
 * runs {@code onStopLeading}, and the instance stands for election again until closed. Closing
 * releases the lease so another instance takes over quickly.
 */
public final class LeaderElection implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderElection.class);

  private final KubernetesClient client;
  private final LeaseConfig lease;
  private final Runnable onStartLeading;
  private final Runnable onStopLeading;
  private final AtomicReference<String> leader = new AtomicReference<>();
  private volatile boolean leading;
  private boolean closed;
  private CompletableFuture<?> running;

  public LeaderElection(
      KubernetesClient client, LeaseConfig lease, Runnable onStartLeading, Runnable onStopLeading) {
    this.client = Objects.requireNonNull(client, "client");
    this.lease = Objects.requireNonNull(lease, "lease");
    this.onStartLeading = Objects.requireNonNull(onStartLeading, "onStartLeading");
    this.onStopLeading = Objects.requireNonNull(onStopLeading, "onStopLeading");
  }

  /** Stands for election in the background; returns at once. */
  public synchronized void start() {
    if (closed || running != null) {
      return;
    }
    LOG.info(
        "Standing for election on lease {}/{} as {}",
        lease.namespace(),
        lease.name(),
        lease.identity());
    running = client.leaderElector().withConfig(config()).build().start();
    running.whenComplete((ok, e) -> electionEnded(e));
  }

  public boolean isLeader() {
    return leading;
  }

  /** The current leader's identity, once known. */
  public Optional<String> leader() {
    return Optional.ofNullable(leader.get());
  }

  public String identity() {
    return lease.identity();
  }

  @Override
  public void close() {
    CompletableFuture<?> r;
    synchronized (this) {
      closed = true;
      r = running;
      running = null;
    }
    if (r != null) {
      r.cancel(true); // releaseOnCancel: the lease is given up for the next instance
    }
  }

  private LeaderElectionConfig config() {
    return new LeaderElectionConfigBuilder()
        .withName(lease.name())
        .withLock(new LeaseLock(lease.namespace(), lease.name(), lease.identity()))
        .withLeaseDuration(lease.leaseDuration())
        .withRenewDeadline(lease.renewDeadline())
        .withRetryPeriod(lease.retryPeriod())
        .withReleaseOnCancel(true)
        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped, this::newLeader))
        .build();
  }

  private void started() {
    LOG.info(
        "{} is now the leader on lease {}/{}", lease.identity(), lease.namespace(), lease.name());
    leading = true;
    onStartLeading.run();
  }

  private void stopped() {
    boolean closing;
    synchronized (this) {
      closing = closed;
    }
    if (leading && closing) {
      LOG.info("{} gave up the lease {}/{}", lease.identity(), lease.namespace(), lease.name());
    } else if (leading) {
      LOG.warn("{} lost the lease {}/{}", lease.identity(), lease.namespace(), lease.name());
    }
    leading = false;
    onStopLeading.run();
  }

  private void newLeader(String identity) {
    leader.set(identity);
  }

  /** The elector stops after losing the lease or on an error: stand again unless closed. */
  private void electionEnded(Throwable error) {
    synchronized (this) {
      if (closed) {
        return;
      }
      running = null;
    }
    if (error != null) {
      LOG.warn(
          "Leader election on {}/{} ended: {}; standing again in {}",
          lease.namespace(),
          lease.name(),
          error.toString(),
          lease.retryPeriod());
    }
    CompletableFuture.runAsync(
        this::start,
        CompletableFuture.delayedExecutor(lease.retryPeriod().toMillis(), TimeUnit.MILLISECONDS));
  }
}
