package dev.kubeherd.controller;

import dev.kubeherd.core.Json;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.HttpURLConnection;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/** Worker pods in one namespace: the only place the controller talks to the pod API. */
final class WorkerPods {
  /** HTTP 422 Unprocessable Entity: the API server's answer to an invalid object. */
  private static final int UNPROCESSABLE = 422;

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

  /** The pod from the informer's cache; empty without a synced cache. No API call. */
  Optional<Pod> cached(String name) {
    SharedIndexInformer<Pod> cache = informer;
    if (cache != null && cache.hasSynced()) {
      return Optional.ofNullable(cache.getStore().getByKey(namespace + "/" + name));
    }
    return Optional.empty();
  }

  /**
   * The pod from the informer's cache, else from the API server (the cache lags: a pod created a
   * moment ago may not be there yet). One API call only when the cache does not have it.
   */
  Optional<Pod> find(String name) {
    return cached(name).or(() -> getLive(name));
  }

  /** The pod as the API server has it now. */
  Optional<Pod> getLive(String name) {
    return Optional.ofNullable(client.pods().inNamespace(namespace).withName(name).get());
  }

  /**
   * Creates the pod unless one of that name exists.
   *
   * @return the created pod; empty when it already existed (a repeated hand-off, which is fine)
   * @throws RejectedWorkerPodException when the API server refuses the pod as invalid (400, 422):
   *     sending it again cannot help
   * @throws WorkerPodNotCreatedException for anything else (5xx, timeouts, 403 quota, RBAC or Pod
   *     Security admission), which may pass
   */
  Optional<Pod> create(Pod pod) {
    try {
      return Optional.of(client.pods().inNamespace(namespace).resource(pod).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Optional.empty();
      }
      if (e.getCode() == HttpURLConnection.HTTP_BAD_REQUEST || e.getCode() == UNPROCESSABLE) {
        throw new RejectedWorkerPodException(pod.getMetadata().getName(), e);
      }
      throw new WorkerPodNotCreatedException(pod.getMetadata().getName(), e);
    }
  }

  /**
   * Deletes the pod if it is still the version given (its resourceVersion), so a pod that changed
   * meanwhile (e.g. started running) is left alone.
   *
   * @return false when it was gone or had changed
   */
  boolean deleteUnchanged(Pod pod) {
    try {
      return !client
          .pods()
          .inNamespace(namespace)
          .withName(pod.getMetadata().getName())
          .lockResourceVersion(pod.getMetadata().getResourceVersion())
          .delete()
          .isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Sets one annotation of the pod (a JSON merge patch: no resourceVersion lock, nothing else
   * touched).
   *
   * @return false when the pod is gone
   */
  boolean annotate(String name, String key, String value) {
    ObjectNode patch = Json.MAPPER.createObjectNode();
    patch.putObject("metadata").putObject("annotations").put(key, value);
    try {
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Deletes the pod, whatever its state (a worker pod that cannot start or ran too long).
   *
   * @return false when it was gone already
   */
  boolean delete(String name) {
    try {
      return !client.pods().inNamespace(namespace).withName(name).delete().isEmpty();
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Deletes the build's job pods ({@link BrigadeLabels#jobsOfBuild}): they are not owned by the
   * worker pod, so they would run on after it is deleted until the vacuum removes them.
   *
   * @return how many were deleted
   */
  int deleteJobPods(String buildId) {
    int deleted = 0;
    for (Pod job :
        client
            .pods()
            .inNamespace(namespace)
            .withLabels(BrigadeLabels.jobsOfBuild(buildId))
            .list()
            .getItems()) {
      if (delete(job.getMetadata().getName())) {
        deleted++;
      }
    }
    return deleted;
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
