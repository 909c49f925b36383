package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job cache PVCs: looked up, and created only when missing (v1: the size counts only at creation;
 * the claim is kept across builds and never deleted by us). A claim seen once is not looked up
 * again by this executor.
 */
final class JobCaches {
  private final KubernetesClient client;
  private final JobPodFactory factory;
  private final ServerErrorRetry retry;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  JobCaches(KubernetesClient client, JobPodFactory factory, ServerErrorRetry retry) {
    this.client = client;
    this.factory = factory;
    this.retry = retry;
  }

  void ensure(JobSpec job) {
    String name = factory.cachePvcName(job);
    if (known.contains(name)) {
      return;
    }
    String ns = factory.context().namespace();
    var claims = client.persistentVolumeClaims().inNamespace(ns);
    if (retry.call("get PVC " + name, () -> claims.withName(name).get()) == null) {
      try {
        retry.call("create PVC " + name, () -> claims.resource(factory.cachePvc(job)).create());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    known.add(name);
  }
}
