package dev.kubeherd.kube.job;

import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One informer on job pods ({@code component=job}), shared by every job a process runs: a build of
 * a thousand jobs, or a warm pool running many builds, holds one watch, not one per job, and the
 * informer reconnects by itself. A process that runs a single build (a worker pod) watches only
 * that build's pods ({@code build=<id>}, {@link #forBuild}); a warm pool watches every job pod of
 * the namespace. Started with the first job; each job follows its own pod by name; events for other
 * pods are ignored.
 */
public final class JobPodWatch implements AutoCloseable {
  /** What a job hears about its pod; called on the informer's thread, so it must not block. */
  interface Listener {
    void changed(Pod pod);

    void deleted();
  }

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, String> selector;
  private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
  private SharedIndexInformer<Pod> informer;
  private boolean closed;

  /** Every job pod of {@code namespace}: for a process that runs many builds (a warm pool). */
  public JobPodWatch(KubernetesClient client, String namespace) {
    this(client, namespace, Map.of(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_JOB));
  }

  private JobPodWatch(KubernetesClient client, String namespace, Map<String, String> selector) {
    this.client = client;
    this.namespace = namespace;
    this.selector = selector;
  }

  /**
   * The job pods of build {@code buildId} only: for a process that runs just that build, so that it
   * neither lists nor hears about the other builds' pods.
   */
  public static JobPodWatch forBuild(KubernetesClient client, String namespace, String buildId) {
    return new JobPodWatch(client, namespace, BrigadeLabels.jobsOfBuild(buildId));
  }

  /** Sends the pod's later changes to {@code listener}; the caller reads its current state. */
  void follow(String podName, Listener listener) {
    listeners.put(podName, listener);
    start();
  }

  void unfollow(String podName) {
    listeners.remove(podName);
  }

  private synchronized void start() {
    if (informer != null || closed) {
      return;
    }
    informer =
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(selector)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    listener(pod).changed(pod);
                  }

                  @Override
                  public void onUpdate(Pod before, Pod pod) {
                    listener(pod).changed(pod);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean finalStateUnknown) {
                    listener(pod).deleted();
                  }
                },
                0);
  }

  private Listener listener(Pod pod) {
    Listener l = listeners.get(pod.getMetadata().getName());
    return l != null ? l : NOBODY;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (informer != null) {
      informer.close();
    }
  }

  private static final Listener NOBODY =
      new Listener() {
        @Override
        public void changed(Pod pod) {}

        @Override
        public void deleted() {}
      };
}
