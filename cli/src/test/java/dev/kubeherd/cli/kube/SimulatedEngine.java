package dev.kubeherd.cli.kube;

import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodRunner;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.kube.ShellPodRunner;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * One namespace's pipeline engine on the mock API server, as the {@code kubeherd-controller}
 * Deployment that {@code brigadm init}/bootstrap installs would run it: the controller (its own
 * client, as its own pod), and a {@link PodSimulator} for the kubelet: worker pods run our worker
 * in-process, their and the job pods' {@code vcs-sidecar} init containers run {@code vcs}, job pods
 * run their command as a local process with their volumes at their mount paths.
 */
final class SimulatedEngine implements AutoCloseable {
  private final PodSimulator pods;
  private final KubernetesClient controllerClient;
  private final ControllerApp controller;

  private SimulatedEngine(
      PodSimulator pods, KubernetesClient controllerClient, ControllerApp controller) {
    this.pods = pods;
    this.controllerClient = controllerClient;
    this.controller = controller;
  }

  /**
   * @param dir the simulated node's disk: pod volumes, worker scratch, mount wrappers
   */
  static SimulatedEngine start(
      KubernetesClient client,
      KubernetesMockServer server,
      String namespace,
      Path dir,
      PodRunner vcs)
      throws IOException {
    Clock clock = Clock.systemUTC();
    PodSimulator pods =
        new PodSimulator(client, server, namespace, dir.resolve("node"))
            .onWorkerPod(pod -> worker(client, clock, pod, dir.resolve("worker-scratch")))
            .onInitContainer("vcs-sidecar", vcs)
            .onJobPod(ShellPodRunner.inMountNamespace(dir.resolve("mount-wrappers")))
            .start();
    KubernetesClient controllerClient = server.createClient();
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", namespace);
    env.put("KUBEHERD_LEASE_IDENTITY", "controller-" + namespace);
    env.put("KUBEHERD_LEASE_RETRY_PERIOD", "100ms");
    env.put("KUBEHERD_VACUUM_INTERVAL", "0");
    ControllerApp controller =
        ControllerApp.onSecrets(ControllerConfig.fromEnv(env), controllerClient, clock);
    controller.start();
    return new SimulatedEngine(pods, controllerClient, controller);
  }

  /** A worker pod: our worker in this process, with the pod's env and its checkout at /vcs. */
  private static PodOutcome worker(
      KubernetesClient client, Clock clock, SimulatedPod pod, Path scratch) {
    return WorkerPods.run(client, clock, pod, scratch);
  }

  @Override
  public void close() {
    controller.close();
    controllerClient.close();
    pods.close();
  }
}
