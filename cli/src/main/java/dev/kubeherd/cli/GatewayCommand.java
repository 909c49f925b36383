package dev.kubeherd.cli;

import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.gateway.GatewayServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kubeherd gateway}: receives GitHub webhooks on {@code /events/github}, generic events
 * (SimpleEvents, CloudEvents) and container-registry pushes, and stores each delivery's builds (in
 * the cluster's Secrets, or with {@code --local} in {@code KUBEHERD_HOME}), where the controller
 * (or {@code kubeherd serve --local}) picks them up. Runs until stopped.
 */
@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Receive webhooks and store them as builds.",
      "POST routes:",
      "  /events/github                       GitHub (project's sharedSecret)",
      "  /simpleevents/v1/PROJECT/SECRET      SimpleEvent",
      "  /cloudevents/v02/PROJECT/SECRET      CloudEvent 0.2 (/cloudevents/v1/: 1.0)",
      "  /events/webhook/ORG[/REPO[/COMMIT]]  container-registry push",
      "SECRET is the project's genericGatewaySecret.",
      "The same port serves the dashboard (GET /, /builds/ID) and its JSON API (/api/v1, see"
          + " docs/api.md); rerun and cancel there need KUBEHERD_GATEWAY_TOKEN.",
      "The container-registry route has NO authentication by default, as in Brigade v1:"
          + " anyone who can reach it can build any project that has a repository. Keep it"
          + " private, or set the project key kubeherd.registryGatewayToken and add the query"
          + " parameter token=VALUE to the webhook URL."
    })
public final class GatewayCommand extends StoreCommand implements LongRunning {
  @Mixin GlobalOptions globals;

  @Mixin GatewayOptions gateway;

  @Mixin GithubAppOption githubApp;

  public GatewayCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected GlobalOptions global() {
    return globals;
  }

  @Override
  protected void execute() throws Exception {
    Vertx vertx = Vertx.vertx();
    AutoCloseable intake = () -> {};
    try {
      intake = gateway.start(vertx, app, githubApp, out());
      try (AutoCloseable statuses = reportStatuses(app, githubApp, out())) {
        new CountDownLatch(1).await(); // until the process is stopped
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
      intake.close();
    }
  }

  /** The gateway's flags. */
  public static final class GatewayOptions {
    @Option(
        names = "--port",
        paramLabel = "PORT",
        defaultValue = "${env:BRIGADE_GATEWAY_PORT:-7746}",
        converter = PortConverter.class,
        description =
            "Port of the webhook gateway (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(
        names = "--address",
        paramLabel = "ADDRESS",
        defaultValue = "${env:KUBEHERD_GATEWAY_ADDRESS}",
        description =
            "Address to listen on (default: 127.0.0.1 in local mode, so only this machine can"
                + " trigger builds; 0.0.0.0 in Kubernetes mode; env KUBEHERD_GATEWAY_ADDRESS).")
    String address;

    AutoCloseable start(Vertx vertx, BrigApp app, GithubAppOption githubApp, PrintWriter out) {
      return listen(vertx, app, githubApp, address(app), port, out);
    }

    /** The address asked for, else loopback in local mode and every interface in a pod. */
    String address(BrigApp app) {
      if (address != null && !address.isBlank()) {
        return address;
      }
      return app.cluster().isPresent() ? "0.0.0.0" : "127.0.0.1";
    }
  }

  /** Starts reporting GitHub builds' progress to GitHub; close the result to stop. */
  static AutoCloseable reportStatuses(BrigApp app, GithubAppOption githubApp, PrintWriter out) {
    Optional<AutoCloseable> reporter = GatewayWiring.statusReporter(app, githubApp.keyFile);
    if (reporter.isPresent()) {
      out.println("  GitHub statuses for push, pull_request and deployment builds");
      out.flush();
    }
    return reporter.orElse(() -> {});
  }

  /**
   * Starts every gateway's routes on {@code vertx} and prints where they listen.
   *
   * <p>The gateway looks up a project per delivery, so the project store is {@linkplain
   * dev.kubeherd.core.port.ProjectStore#watchForChanges() watched} while it runs.
   *
   * @return closes the delivery intake and the watch; call it after {@code vertx} is closed
   */
  static AutoCloseable listen(
      Vertx vertx,
      BrigApp app,
      GithubAppOption githubApp,
      String address,
      int port,
      PrintWriter out) {
    DeliveryIntake intake = app.openDeliveryIntake();
    ProjectStore.Watch projects = app.projects().watchForChanges();
    GatewayServer gateway = GatewayWiring.server(vertx, app, intake, githubApp.keyFile);
    HttpServer server;
    try {
      server = gateway.listen(address, port).await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      projects.close();
      closeQuietly(intake);
      throw new CliException(
          "the gateway could not listen on "
              + address
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); pick another --port",
          e);
    }
    out.println("Gateway listening on " + address + ":" + server.actualPort());
    gateway.gateways().forEach(g -> out.println("  " + g.describe()));
    out.flush();
    return () -> {
      projects.close();
      closeQuietly(intake);
    };
  }

  private static void closeQuietly(DeliveryIntake intake) {
    if (intake instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // the journal is replayed when the gateway starts next
      }
    }
  }
}
