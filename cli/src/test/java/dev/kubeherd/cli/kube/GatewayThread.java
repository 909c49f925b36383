package dev.kubeherd.cli.kube;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.cli.LocalServerE2e;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code kubeherd gateway} in Kubernetes mode on one namespace of the mock API server (its own
 * client, as its own pod), with its GitHub status reporter, on a free loopback port until closed.
 */
final class GatewayThread implements AutoCloseable {
  private final KubernetesClient client;
  private final Thread serving;
  final int port;

  private GatewayThread(KubernetesClient client, Thread serving, int port) {
    this.client = client;
    this.serving = serving;
    this.port = port;
  }

  static GatewayThread start(KubernetesMockServer server, String namespace, Map<String, String> env)
      throws InterruptedException {
    KubernetesClient client = server.createClient();
    Clock clock = Clock.systemUTC();
    CommandLine gateway =
        new BrigApp(KubeTestBackend.on(client, namespace, clock), clock, env).kubeherd();
    StringWriter out = new StringWriter();
    gateway.setOut(new PrintWriter(out, true));
    gateway.setErr(new PrintWriter(new StringWriter(), true));
    Thread serving =
        Thread.ofPlatform()
            .start(() -> gateway.execute("gateway", "--port", "0", "--address", "127.0.0.1"));
    return new GatewayThread(client, serving, LocalServerE2e.awaitPort(out));
  }

  @Override
  public void close() throws InterruptedException {
    serving.interrupt();
    serving.join(20_000);
    client.close();
  }
}
