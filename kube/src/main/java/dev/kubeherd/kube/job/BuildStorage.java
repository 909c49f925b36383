package dev.kubeherd.kube.job;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Consumer;

/**
 * The build's shared storage PVC ({@code job.storage}). Unlike v1, which made one for every build,
 * it is created on demand by the first job that enables storage; the worker calls {@link
 * #release()} once every job of the build has ended (never earlier: pods of still-running jobs
 * would hang on an unbound claim).
 */
public final class BuildStorage {
  private final KubernetesClient client;
  private final JobPodFactory factory;
  private final ServerErrorRetry retry;
  private final Consumer<String> warn;
  private boolean created;

  /**
   * @param warn receives a line for the build log when the claim cannot be deleted
   */
  public BuildStorage(
      KubernetesClient client,
      JobPodFactory factory,
      ServerErrorRetry retry,
      Consumer<String> warn) {
    this.client = client;
    this.factory = factory;
    this.retry = retry;
    this.warn = warn;
  }

  /** The claim's name: the worker ID lower-cased. */
  public String claimName() {
    return factory.buildPvcName();
  }

  /**
   * Creates the claim unless this build already has it. Thread-safe.
   *
   * @throws KubernetesClientException the API refused (after retries for server errors)
   */
  public synchronized void ensure() {
    if (created) {
      return;
    }
    String ns = factory.context().namespace();
    PersistentVolumeClaim existing =
        retry.call(
            "get PVC " + claimName(),
            () -> client.persistentVolumeClaims().inNamespace(ns).withName(claimName()).get());
    if (existing == null) {
      try {
        retry.call(
            "create PVC " + claimName(),
            () ->
                client
                    .persistentVolumeClaims()
                    .inNamespace(ns)
                    .resource(factory.buildPvc())
                    .create());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
    }
    created = true;
  }

  /** Whether {@link #ensure()} has made (or found) the claim. */
  public synchronized boolean created() {
    return created;
  }

  /**
   * Deletes the claim if this build has one; failures are reported to the build log and swallowed
   * (the build's result does not depend on it).
   */
  public synchronized void release() {
    if (!created) {
      return;
    }
    String ns = factory.context().namespace();
    try {
      retry.run(
          "delete PVC " + claimName(),
          () -> client.persistentVolumeClaims().inNamespace(ns).withName(claimName()).delete());
      created = false;
    } catch (KubernetesClientException e) {
      warn.accept(
          "[brigade:k8s] storage not destroyed: PVC "
              + ns
              + "/"
              + claimName()
              + ": "
              + ServerErrorRetry.reason(e)
              + "; delete it by hand");
    }
  }
}
