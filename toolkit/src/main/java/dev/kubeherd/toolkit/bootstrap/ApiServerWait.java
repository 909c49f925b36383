package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until the API server answers (a controller node's userdata runs bootstrap while the control
 * plane is still coming up), backing off from 500 ms to 5 s.
 */
public final class ApiServerWait {
  private final KubernetesClient client;
  private final PrintWriter progress;

  public ApiServerWait(KubernetesClient client, PrintWriter progress) {
    this.client = client;
    this.progress = progress;
  }

  /**
   * @throws ToolkitException (exit 3) when it does not answer within {@code timeout}
   */
  public void await(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    long delay = 500;
    while (true) {
      try {
        client.namespaces().withName("default").get();
        return;
      } catch (KubernetesClientException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new ToolkitException(
              ToolkitExitCodes.REMOTE_FAILED,
              "the Kubernetes API server at "
                  + client.getMasterUrl()
                  + " did not answer within "
                  + timeout.toSeconds()
                  + "s ("
                  + e.getMessage()
                  + "); check the kubeconfig or in-cluster credentials, or pass a longer"
                  + " --api-timeout",
              e);
        }
        progress.println("waiting for the API server: " + e.getMessage());
        progress.flush();
        Thread.sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    }
  }
}
