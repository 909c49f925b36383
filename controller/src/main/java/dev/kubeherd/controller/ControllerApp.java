package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.service.ResyncScheduler;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's composition root: the build loop fed by a {@link BuildFeed}, the vacuum, and the
 * leader election that switches them on and off. Only the leader dispatches builds, vacuums and
 * fires periodic resync builds ({@link ResyncScheduler}, for projects with {@code
 * kubeherd.resyncInterval}).
 */
public final class ControllerApp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControllerApp.class);

  /** How often the leader looks for projects whose resync interval has passed. */
  static final Duration RESYNC_CHECK = Duration.ofMinutes(1);

  private final ControllerConfig config;
  private final BuildFeed feed;
  private final BuildController controller;
  private final Optional<Vacuum> vacuum;
  private final ResyncScheduler resync;
  private final LeaderElection election;
  private BuildFeed.Subscription subscription;

  public ControllerApp(
      ControllerConfig config,
      KubernetesClient client,
      BuildStore builds,
      ProjectStore projects,
      BuildFeed feed,
      Clock clock) {
    this(config, client, builds, projects, feed, clock, ControllerMetrics.none());
  }

  /** With the controller's metrics recorded in {@code metrics}. */
  public ControllerApp(
      ControllerConfig config,
      KubernetesClient client,
      BuildStore builds,
      ProjectStore projects,
      BuildFeed feed,
      Clock clock,
      ControllerMetrics metrics) {
    this.config = config;
    this.feed = feed;
    this.controller = new BuildController(config, builds, projects, client, clock, metrics);
    this.vacuum = config.vacuum().map(p -> new Vacuum(builds, p, clock));
    this.resync = new ResyncScheduler(projects, builds, clock);
    this.election =
        new LeaderElection(client, config.lease(), this::startLeading, this::stopLeading);
  }

  /**
   * Lets the vacuum keep the finished builds {@code hold} keeps (e.g. logs not yet in the S3
   * archive) and tell it what it deleted; call before {@link #start()}. Without a vacuum, nothing.
   */
  public void vacuumHold(Vacuum.Hold hold) {
    vacuum.ifPresent(v -> v.hold(hold));
  }

  /**
   * Kubernetes mode: the build and project Secrets of the configured namespace and the informer
   * feed on them, all on {@code client}.
   */
  public static ControllerApp onSecrets(
      ControllerConfig config, KubernetesClient client, Clock clock) {
    return onSecrets(config, client, clock, ControllerMetrics.none());
  }

  /** {@link #onSecrets(ControllerConfig, KubernetesClient, Clock)}, recording metrics. */
  public static ControllerApp onSecrets(
      ControllerConfig config, KubernetesClient client, Clock clock, ControllerMetrics metrics) {
    String ns = config.namespace();
    return new ControllerApp(
        config,
        client,
        new SecretBuildStore(client, ns, clock),
        new SecretProjectStore(client, ns),
        new SecretBuildFeed(client, ns),
        clock,
        metrics);
  }

  /** Watches pods and builds, then stands for election; returns at once. */
  public synchronized void start() {
    LOG.info(
        "Controller starting in namespace {} (limits: {} running, {} per project; worker image {})",
        config.namespace(),
        config.limits().maxRunning(),
        config.limits().maxRunningPerProject(),
        config.worker().image());
    controller.start();
    subscription =
        feed.subscribe(
            new BuildFeed.Listener() {
              @Override
              public void build(Build build) {
                controller.accept(build);
              }

              @Override
              public void invalid(BuildFeed.InvalidBuild invalid) {
                controller.reject(invalid);
              }
            });
    election.start();
  }

  public BuildController controller() {
    return controller;
  }

  public LeaderElection election() {
    return election;
  }

  @Override
  public synchronized void close() {
    election.close();
    stopLeading();
    if (subscription != null) {
      subscription.close();
    }
    controller.close();
  }

  private void startLeading() {
    controller.startDispatching();
    vacuum.ifPresent(v -> v.start(config.vacuumInterval()));
    resync.start(RESYNC_CHECK);
  }

  private void stopLeading() {
    controller.stopDispatching();
    vacuum.ifPresent(Vacuum::stop);
    resync.stop();
  }
}
