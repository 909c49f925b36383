package dev.kubeherd.cli.kube;

import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.Map;

/**
 * A namespace's controller on the mock API server, started in this process on its own client (as
 * its own pod would be), on the build Secrets, with a short lease retry and no vacuum.
 */
public record InProcessController(KubernetesClient client, ControllerApp app)
    implements AutoCloseable {
  public static InProcessController start(
      KubernetesMockServer server, String namespace, Clock clock) {
    KubernetesClient client = server.createClient();
    Map<String, String> env =
        Map.of(
            "BRIGADE_NAMESPACE",
            namespace,
            "KUBEHERD_LEASE_IDENTITY",
            "controller-" + namespace,
            "KUBEHERD_LEASE_RETRY_PERIOD",
            "100ms",
            "KUBEHERD_VACUUM_INTERVAL",
            "0");
    ControllerApp app = ControllerApp.onSecrets(ControllerConfig.fromEnv(env), client, clock);
    app.start();
    return new InProcessController(client, app);
  }

  @Override
  public void close() {
    app.close();
    client.close();
  }
}
