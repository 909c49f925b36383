package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The API calls on one job pod, retried on server errors. Blocking: never on watch threads. */
final class PodCalls {
  private static final Logger LOG = LoggerFactory.getLogger(PodCalls.class);
  private final PodJobExecutor.Shared shared;
  private final String ns;
  private final String pod;

  PodCalls(PodJobExecutor.Shared shared, String ns, String pod) {
    this.shared = shared;
    this.ns = ns;
    this.pod = pod;
  }

  /** The pod, or null when it does not exist. */
  Pod get() {
    return shared.retry().call("get pod " + pod, () -> resource().get());
  }

  /** The whole log of the job container. */
  String readLog() {
    return shared
        .retry()
        .call("read log of " + pod, () -> resource().inContainer(JobPodFactory.CONTAINER).getLog());
  }

  /** The log so far; empty if there is none (still pending, or the pod is gone). */
  Optional<String> readLogQuietly() {
    try {
      return Optional.of(readLog());
    } catch (KubernetesClientException e) {
      LOG.debug("No log for job {}: {}", pod, ServerErrorRetry.reason(e));
      return Optional.empty();
    }
  }

  /** Deletes the pod at once (grace period 0); a failure is reported to the build log. */
  void delete() {
    try {
      shared.retry().call("delete pod " + pod, () -> resource().withGracePeriod(0).delete());
    } catch (KubernetesClientException e) {
      shared
          .progress()
          .accept(
              "[brigade:k8s] could not delete pod "
                  + ns
                  + "/"
                  + pod
                  + ": "
                  + ServerErrorRetry.reason(e)
                  + "; delete it by hand");
    }
  }

  private PodResource resource() {
    return shared.pods(ns).withName(pod);
  }
}
