package dev.kubeherd.cli;

import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.service.DeliveryReplay;
import dev.kubeherd.gateway.BlockingResponder;
import dev.kubeherd.gateway.GatewayMetrics;
import dev.kubeherd.gateway.GatewayRoutes;
import dev.kubeherd.gateway.GatewayServer;
import dev.kubeherd.gateway.ReadinessCheck;
import dev.kubeherd.gateway.admin.AdminToken;
import dev.kubeherd.gateway.admin.ReplayRoutes;
import dev.kubeherd.gateway.dashboard.Dashboard;
import dev.kubeherd.gateway.dashboard.Stores;
import dev.kubeherd.gateway.generic.GenericGateway;
import dev.kubeherd.gateway.generic.GenericReceiver;
import dev.kubeherd.gateway.github.GithubApp;
import dev.kubeherd.gateway.github.GithubGateway;
import dev.kubeherd.gateway.github.GithubReceiver;
import dev.kubeherd.gateway.github.GithubSettings;
import dev.kubeherd.gateway.github.WrapperTokenRenewal;
import dev.kubeherd.gateway.registry.RegistryGateway;
import dev.kubeherd.gateway.registry.RegistryReceiver;
import dev.kubeherd.gateway.status.GithubAppClient;
import dev.kubeherd.gateway.status.GithubStatusReporter;
import dev.kubeherd.gateway.status.StatusSettings;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds the gateway server from the app's stores and environment: every gateway on one port. */
final class GatewayWiring {
  /**
   * A project name no one can create (it is not owner/repo), looked up to prove the store answers.
   */
  private static final String PROBE = "kubeherd readiness probe";

  private GatewayWiring() {}

  static GatewayServer server(Vertx vertx, BrigApp app, DeliveryIntake intake, Path appKeyFile) {
    GatewayMetrics metrics = new GatewayMetrics(app.metrics());
    Optional<GithubApp> githubApp =
        GithubAppClient.create(statusSettings(app, appKeyFile), app.clock());
    // a GitHub App makes some deliveries call GitHub (wrapper payloads) on the same pool
    WorkerExecutor workers =
        BlockingResponder.sizeWorkers(vertx, intake.holdsCallers() || githubApp.isPresent());
    GithubReceiver github =
        new GithubReceiver(app.projects(), intake, GithubSettings.fromEnv(app.env()), githubApp);
    AdminToken token = AdminToken.of(app.env().get(AdminToken.ENV));
    DeliveryReplay replays =
        new DeliveryReplay(
            app.deliveries(),
            app.builds(),
            app.projects(),
            WrapperTokenRenewal.of(app.projects(), githubApp));
    ReplayRoutes replay = new ReplayRoutes(vertx, replays, token);
    List<GatewayRoutes> gateways =
        List.of(
            new GithubGateway(vertx, github, metrics),
            new GenericGateway(vertx, new GenericReceiver(app.projects(), intake), metrics),
            new RegistryGateway(vertx, new RegistryReceiver(app.projects(), app.builds()), metrics),
            replay,
            new Dashboard(
                vertx,
                new Stores(app.projects(), app.builds(), app.logs(), app.orphanedJobs()),
                token,
                app.clock(),
                app.logPoll()));
    // held until the responders share the pool: an unreachable executor lets Vert.x close it
    Reference.reachabilityFence(workers);
    return new GatewayServer(vertx, metrics, readiness(app), gateways);
  }

  /**
   * Starts telling GitHub how builds go, from the app's build feed (local: the directory store,
   * Kubernetes: the build Secrets); closing the result stops it. Empty when the backend has no
   * feed.
   */
  static Optional<AutoCloseable> statusReporter(BrigApp app, Path appKeyFile) {
    Optional<BuildFeed> feed = app.buildFeed();
    if (feed.isEmpty()) {
      return Optional.empty();
    }
    StatusSettings settings = statusSettings(app, appKeyFile);
    GithubStatusReporter reporter =
        GithubStatusReporter.create(app.projects(), settings, app.clock());
    BuildFeed.Subscription subscription;
    try {
      subscription = feed.get().subscribe(reporter);
    } catch (RuntimeException e) {
      reporter.close();
      throw e;
    }
    return Optional.of(
        () -> {
          subscription.close();
          reporter.close();
        });
  }

  private static StatusSettings statusSettings(BrigApp app, Path appKeyFile) {
    try {
      return StatusSettings.fromEnv(app.env(), appKeyFile);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  private static ReadinessCheck readiness(BrigApp app) {
    return () -> {
      try {
        app.projects().find(PROBE);
        return Optional.empty();
      } catch (RuntimeException e) {
        return Optional.of("the project store does not answer: " + e.getMessage());
      }
    };
  }
}
