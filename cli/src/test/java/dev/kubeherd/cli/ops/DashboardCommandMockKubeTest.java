package dev.kubeherd.cli.ops;

import static dev.kubeherd.cli.ops.ChartObjects.gatewayPod;
import static dev.kubeherd.cli.ops.ChartObjects.gatewayService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.CliException;
import dev.kubeherd.cli.KubeTarget;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code brig dashboard} in Kubernetes mode on the mock API server (CRUD): which gateway pod and
 * container port it forwards to, the errors when there is none, and the command itself with a real
 * fabric8 port-forward listening on localhost and a browser only when asked for; the mock server
 * does not forward, so a connection through it fails as one to a deleted pod would.
 */
@EnableMockKube
class DashboardCommandMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final Pattern URL = Pattern.compile("Dashboard: http://localhost:(\\d+)/");

  String ns;
  KubeTarget target;

  @BeforeEach
  void namespace() {
    ns = "dashboard-" + NAMESPACES.incrementAndGet();
    target = new KubeTarget(client, ns);
  }

  @Test
  void forwardsToAReadyPodBehindTheGatewayServiceAtTheContainerPortItTargets() {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", false);
    gatewayPod(client, ns, "kubeherd-gateway-b", true);
    gatewayPod(client, ns, "kubeherd-gateway-c", true);

    assertThat(GatewayTarget.resolve(target))
        .isEqualTo(new GatewayTarget("kubeherd-gateway", "kubeherd-gateway-b", 7746));
  }

  @Test
  void aNumericTargetPortIsUsedAsItIs() {
    gatewayService(client, ns, new IntOrString(8000));
    gatewayPod(client, ns, "kubeherd-gateway-a", true);

    assertThat(GatewayTarget.resolve(target).port()).isEqualTo(8000);
  }

  @Test
  void noGatewayServiceNamesTheNamespaceAndTheLabelSelector() {
    assertThatThrownBy(() -> GatewayTarget.resolve(target))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "no kubeherd gateway Service in namespace "
                + ns
                + " (label selector app.kubernetes.io/part-of=kubeherd,"
                + "app.kubernetes.io/component=gateway): install the kubeherd chart there with"
                + " gateway.enabled=true, or pass -n with the namespace it is in");
  }

  @Test
  void noReadyGatewayPodNamesTheNamespaceAndThePodSelector() {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", false);

    assertThatThrownBy(() -> GatewayTarget.resolve(target))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("no ready gateway pod in namespace " + ns)
        .hasMessageContaining(
            "get pods -l app.kubernetes.io/component=gateway,app.kubernetes.io/instance=kubeherd,"
                + "app.kubernetes.io/name=kubeherd");
  }

  @Test
  void theCommandWithoutAGatewayExitsOneNamingTheNamespace() throws Exception {
    Run run = start("dashboard", "--open-dashboard=false");

    assertThat(run.join()).isEqualTo(1);
    assertThat(run.err.toString()).contains("no kubeherd gateway Service in namespace " + ns);
    assertThat(run.opened).isEmpty();
  }

  @Test
  void withOpenDashboardFalseItForwardsPrintsTheUrlAndOpensNoBrowser() throws Exception {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", true);

    Run run = start("dashboard", "--port", "0", "--open-dashboard=false");
    int port = run.awaitUrl();

    assertThat(run.out.toString())
        .contains(
            "Forwarding localhost:"
                + port
                + " to pod kubeherd-gateway-a port 7746 (Service kubeherd-gateway, namespace "
                + ns
                + "); Ctrl-C stops.");
    assertListening(port);
    assertThat(run.opened).isEmpty();
    assertThat(run.stop()).isZero();
  }

  @Test
  void byDefaultItOpensTheForwardedUrlInABrowser() throws Exception {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", true);

    Run run = start("dashboard", "--port", "0");
    int port = run.awaitUrl();

    assertThat(run.opened).containsExactly(URI.create("http://localhost:" + port + "/"));
    assertThat(run.stop()).isZero();
  }

  @Test
  void aBusyLocalPortExitsOneAskingForAFreePort() throws Exception {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", true);
    try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run run =
          start(
              "dashboard",
              "--port",
              Integer.toString(busy.getLocalPort()),
              "--open-dashboard=false");

      assertThat(run.join()).isEqualTo(1);
      assertThat(run.err.toString())
          .contains("could not listen on localhost:" + busy.getLocalPort())
          .contains("pass --port with a free port (0: any)");
    }
  }

  @Test
  void aFailedConnectionThroughTheForwardIsPrintedOnceAndForwardingGoesOn() throws Exception {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", true);
    Run run = start("dashboard", "--port", "0", "--open-dashboard=false");
    int port = run.awaitUrl();

    connect(port); // the mock API server does not forward: the connection fails
    connect(port);
    run.awaitErr("a forwarded connection failed: ");

    assertThat(run.thread.isAlive()).isTrue();
    assertThat(run.err.toString().split("a forwarded connection failed: ", -1)).hasSize(2);
    assertThat(run.stop()).isZero();
  }

  @Test
  void aDeletedGatewayPodEndsTheCommandWithExitOneSayingWhatToDo() throws Exception {
    gatewayService(client, ns, new IntOrString("http"));
    gatewayPod(client, ns, "kubeherd-gateway-a", true);
    Run run = start("dashboard", "--port", "0", "--open-dashboard=false");
    int port = run.awaitUrl();

    client.pods().inNamespace(ns).withName("kubeherd-gateway-a").delete();
    connect(port);

    assertThat(run.join()).isEqualTo(1);
    assertThat(run.err.toString())
        .contains("a forwarded connection failed: ")
        .contains("the gateway pod kubeherd-gateway-a in namespace " + ns + " is gone")
        .contains("run brig dashboard again");
  }

  /** An HTTP request through the forward, read until the forward closes or 3 s pass. */
  private static void connect(int port) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(3000);
      s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getInputStream().readAllBytes();
    } catch (SocketTimeoutException | SocketException e) {
      // what a failed forward does to the local connection does not matter here
    }
  }

  private static void assertListening(int port) throws IOException {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      throw new AssertionError("nothing listens on localhost:" + port);
    } catch (BindException expected) {
      // the port-forward has it
    }
  }

  private Run start(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "-n";
    all[1] = ns;
    System.arraycopy(args, 0, all, 2, args.length);
    return new Run(all);
  }

  /** brig running on its own thread, as until Ctrl-C; stopped by interrupting it. */
  final class Run {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final List<URI> opened = new CopyOnWriteArrayList<>();
    final AtomicInteger code = new AtomicInteger(-1);
    final Thread thread;

    Run(String[] args) {
      Clock clock = Clock.systemUTC();
      BrigApp app =
          new BrigApp(KubeTestBackend.on(client, ns, clock), clock, Map.of())
              .withBrowser(
                  page -> {
                    opened.add(page);
                    return true;
                  });
      CommandLine brig = app.brig();
      brig.setOut(new PrintWriter(out, true));
      brig.setErr(new PrintWriter(err, true));
      thread = Thread.ofPlatform().start(() -> code.set(brig.execute(args)));
    }

    int awaitUrl() throws InterruptedException {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (Instant.now().isBefore(deadline)) {
        Matcher m = URL.matcher(out.toString());
        if (m.find()) { // printed after the browser was asked, if it was
          return Integer.parseInt(m.group(1));
        }
        if (!thread.isAlive()) {
          throw new AssertionError("brig dashboard ended: " + err);
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no dashboard URL within 20s: " + out + err);
    }

    void awaitErr(String text) throws InterruptedException {
      Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
      while (!err.toString().contains(text)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(
              "not printed within 20s: " + text + "\nout: " + out + "err: " + err);
        }
        Thread.sleep(20);
      }
    }

    int stop() throws InterruptedException {
      thread.interrupt();
      return join();
    }

    int join() throws InterruptedException {
      thread.join(Duration.ofSeconds(20));
      assertThat(thread.isAlive()).as("brig dashboard still running").isFalse();
      return code.get();
    }
  }
}
