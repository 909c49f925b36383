package dev.kubeherd.worker.kube;

import dev.kubeherd.kube.job.JobServiceAccountRule;

/**
 * What job pods get when neither the job nor its project says: the namespace they run in, their
 * service account ({@code BRIGADE_SERVICE_ACCOUNT}, used when the project names no {@code
 * serviceAccount}), which job service accounts are allowed, and the PVC storage classes.
 *
 * @param serviceAccountRegex what a build's job service account must match in full ({@code ""} =
 *     any), as the controller's {@code -project-service-account-regex}
 */
public record JobPodDefaults(
    String namespace,
    String serviceAccount,
    String serviceAccountRegex,
    String buildStorageClass,
    String cacheStorageClass) {

  public JobPodDefaults {
    serviceAccount = serviceAccount == null ? "" : serviceAccount;
    serviceAccountRegex = serviceAccountRegex == null ? "" : serviceAccountRegex;
    buildStorageClass = buildStorageClass == null ? "" : buildStorageClass;
    cacheStorageClass = cacheStorageClass == null ? "" : cacheStorageClass;
  }

  /** Defaults that allow any job service account. */
  public JobPodDefaults(
      String namespace, String serviceAccount, String buildStorageClass, String cacheStorageClass) {
    this(namespace, serviceAccount, "", buildStorageClass, cacheStorageClass);
  }

  /** The job service account rule these defaults set. */
  public JobServiceAccountRule serviceAccounts() {
    return new JobServiceAccountRule(serviceAccount, serviceAccountRegex);
  }
}
