package dev.kubeherd.cli.kube;

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

/**
 * One namespace's pipeline engine on the mock API server, as the {@code kubeherd-controller}
 * Deployment that {@code brigadm init}/bootstrap installs would run it: the controller (its own
 * client, as its own pod), and a {@link PodSimulator} for the kubelet: worker pods run our worker
 * in-process, their and the job pods' {@code vcs-sidecar} init containers run {@code vcs}, job pods
 * run their command as a local process with their volumes at their mount paths.
 */
final class SimulatedEngine implements AutoCloseable {
  private final PodSimulator pods;
  private final InProcessController controller;

  private SimulatedEngine(PodSimulator pods, InProcessController controller) {
    this.pods = pods;
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
    return new SimulatedEngine(pods, InProcessController.start(server, namespace, clock));
  }

  /** A worker pod: our worker in this process, with the pod's env and its checkout at /vcs. */
  private static PodOutcome worker(
      KubernetesClient client, Clock clock, SimulatedPod pod, Path scratch) {
    return WorkerPods.run(client, clock, pod, scratch);
  }

  @Override
  public void close() {
    controller.close();
    pods.close();
  }
}
