package dev.kubeherd.bench;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.kube.KubeClients;
import dev.kubeherd.worker.kube.KubeWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;

/** What a worker pod runs ({@code kubeherd worker}), as a main for the pool-vs-pod benchmark. */
public final class WorkerPodMain {
  private WorkerPodMain() {}

  public static void main(String[] args) throws Exception {
    try (KubernetesClient client =
        KubeClients.connect(Optional.empty(), Optional.empty(), Optional.empty())) {
      var status =
          new KubeWorker(client, Clock.systemUTC())
              .run(
                  System.getenv(),
                  Files.createTempDirectory("worker"),
                  new PrintWriter(System.out, true));
      System.exit(status.phase() == BuildPhase.SUCCEEDED ? 0 : 1);
    }
  }
}
