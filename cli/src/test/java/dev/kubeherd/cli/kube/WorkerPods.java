package dev.kubeherd.cli.kube;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.worker.kube.KubeWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * A worker pod of the {@code PodSimulator}, played by our worker in this process: the pod's env,
 * its {@code /vcs} checkout as the workspace, exit code 0 when the build succeeded.
 */
public final class WorkerPods {
  private WorkerPods() {}

  public static PodOutcome run(
      KubernetesClient client, Clock clock, SimulatedPod pod, Path scratch) {
    Map<String, String> env = new HashMap<>(pod.env());
    pod.mount("/vcs").ifPresent(d -> env.put("BRIGADE_WORKSPACE", d.toString()));
    StringWriter out = new StringWriter();
    var status = new KubeWorker(client, clock).run(env, scratch, new PrintWriter(out, true));
    return new PodOutcome(status.phase() == BuildPhase.SUCCEEDED ? 0 : 1, out.toString());
  }
}
