package dev.kubeherd.cli.ops;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.KubeTarget;
import dev.kubeherd.cli.PortConverter;
import dev.kubeherd.cli.StoreCommand;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code brig dashboard}: v1 port-forwarded to Kashti; kubeherd's dashboard is served by the
 * gateway on its own port, so brig forwards a local port to a ready gateway pod.
 */
@Command(
    name = "dashboard",
    description = {
      "Open the gateway's dashboard: forward localhost:--port to a ready gateway pod's dashboard"
          + " port and open a browser; forwards until Ctrl-C.",
      "Local mode: says how to reach the dashboard of 'kubeherd server --local --port N'."
    })
public final class DashboardCommand extends StoreCommand {
  static final Duration CHECK_EVERY = Duration.ofMillis(500);

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8081",
      converter = PortConverter.class,
      description = "Local port to forward from (0: any free port; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--open-dashboard",
      paramLabel = "BOOL",
      arity = "0..1",
      defaultValue = "true",
      fallbackValue = "true",
      description = "Open the dashboard in a browser (default: ${DEFAULT-VALUE}).")
  boolean openDashboard;

  public DashboardCommand(BrigApp app) {
    super(app);
  }

  @Override
  protected void execute() {
    var cluster = app.cluster();
    if (cluster.isEmpty()) {
      out()
          .println(
              "Local mode: the dashboard is served by 'kubeherd server --local --port N' at"
                  + " http://localhost:N/ (for example --port 7746); brig dashboard starts nothing.");
      return;
    }
    forward(cluster.get(), GatewayTarget.resolve(cluster.get()));
  }

  private void forward(KubeTarget cluster, GatewayTarget target) {
    try (LocalPortForward forward = open(cluster, target)) {
      URI page = URI.create("http://localhost:" + forward.getLocalPort() + "/");
      out()
          .println(
              "Forwarding localhost:"
                  + forward.getLocalPort()
                  + " to pod "
                  + target.pod()
                  + " port "
                  + target.port()
                  + " (Service "
                  + target.service()
                  + ", namespace "
                  + cluster.namespace()
                  + "); Ctrl-C stops.");
      out().flush();
      if (openDashboard && !app.browser().open(page)) {
        out().println("No browser could be opened here: open the page yourself.");
      }
      out().println("Dashboard: " + page);
      out().flush();
      awaitEnd(forward, cluster, target);
    } catch (IOException e) {
      throw new CliException("could not stop forwarding to pod " + target.pod() + ": " + e, e);
    }
  }

  private LocalPortForward open(KubeTarget cluster, GatewayTarget target) {
    try {
      return cluster
          .client()
          .pods()
          .inNamespace(cluster.namespace())
          .withName(target.pod())
          .portForward(target.port(), InetAddress.getLoopbackAddress(), port);
    } catch (KubernetesClientException | IllegalStateException e) {
      // fabric8 reports a busy local port as IllegalStateException("Unable to port forward")
      throw new CliException(
          "could not listen on localhost:"
              + port
              + " to forward to pod "
              + target.pod()
              + ": "
              + withCause(e)
              + "; pass --port with a free port (0: any)",
          e);
    }
  }

  private static String withCause(RuntimeException e) {
    Throwable cause = e.getCause();
    if (cause == null || cause.getMessage() == null) {
      return e.getMessage();
    }
    return e.getMessage() + " (" + cause.getMessage() + ")";
  }

  /**
   * Until Ctrl-C (the JVM ends) or this thread is interrupted; a dead forward is an error. Each new
   * connection error is printed once; after one, a gateway pod that is gone or not ready any more
   * ends the command, as every connection would fail.
   */
  private void awaitEnd(LocalPortForward forward, KubeTarget cluster, GatewayTarget target) {
    ForwardErrors errors = new ForwardErrors(forward);
    while (forward.isAlive()) {
      List<String> fresh = errors.fresh();
      if (!fresh.isEmpty()) {
        fresh.forEach(m -> err().println("brig dashboard: a forwarded connection failed: " + m));
        err().flush();
        requireReady(cluster, target);
      }
      try {
        Thread.sleep(CHECK_EVERY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new CliException(
        "the port-forward to the gateway stopped"
            + (errors.all().isEmpty() ? "" : ": " + String.join("; ", errors.all()))
            + "; run brig dashboard again");
  }

  /**
   * @throws CliException when the pod forwarded to is gone or not ready (a failed read of it is no
   *     reason to stop)
   */
  private static void requireReady(KubeTarget cluster, GatewayTarget target) {
    Pod pod;
    try {
      pod = cluster.client().pods().inNamespace(cluster.namespace()).withName(target.pod()).get();
    } catch (KubernetesClientException e) {
      return;
    }
    String state =
        pod == null ? "is gone" : GatewayTarget.ready(pod) ? "" : "is not ready any more";
    if (!state.isEmpty()) {
      throw new CliException(
          "the gateway pod "
              + target.pod()
              + " in namespace "
              + cluster.namespace()
              + " "
              + state
              + ", so every connection through the port-forward fails; run brig dashboard again"
              + " to forward to a ready gateway pod");
    }
  }
}
