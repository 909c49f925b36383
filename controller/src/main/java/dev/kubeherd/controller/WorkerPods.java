package dev.kubeherd.controller;

import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.util.Optional;

/** Worker pods in one namespace: the only place the controller talks to the pod API. */
final class WorkerPods {
  private final KubernetesClient client;
  private final String namespace;

  WorkerPods(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  String namespace() {
    return namespace;
  }

  private volatile SharedIndexInformer<Pod> informer;

  /**
   * The pod, from the informer's cache once it has synced (no API call; a pod created a moment ago
   * may not be there yet, and creating it again is harmless), else from the API server.
   */
  Optional<Pod> get(String name) {
    SharedIndexInformer<Pod> cache = informer;
    if (cache != null && cache.hasSynced()) {
      return Optional.ofNullable(cache.getStore().getByKey(namespace + "/" + name));
    }
    return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get());
  }

  /**
   * Creates the pod unless one of that name exists.
   *
   * @return false when it already existed (a repeated hand-off, which is fine)
   */
  boolean create(Pod pod) {
    try {
      client.pods().inNamespace(namespace).resource(pod).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }

  /** Starts an informer on worker pods ({@code component=build}); existing pods arrive first. */
  SharedIndexInformer<Pod> inform(ResourceEventHandler<Pod> handler) {
    informer =
        client
            .pods()
            .inNamespace(namespace)
            .withLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD)
            .inform(handler, 0);
    return informer;
  }
}
