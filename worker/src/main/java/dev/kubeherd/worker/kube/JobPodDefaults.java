package dev.kubeherd.worker.kube;

/**
 * What job pods get when neither the job nor its project says: the namespace they run in, their
 * service account ({@code BRIGADE_SERVICE_ACCOUNT}) and the PVC storage classes.
 */
public record JobPodDefaults(
    String namespace, String serviceAccount, String buildStorageClass, String cacheStorageClass) {

  public JobPodDefaults {
    serviceAccount = serviceAccount == null ? "" : serviceAccount;
    buildStorageClass = buildStorageClass == null ? "" : buildStorageClass;
    cacheStorageClass = cacheStorageClass == null ? "" : cacheStorageClass;
  }
}
