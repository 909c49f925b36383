package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BrigadeNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The v1 PVCs of a build: the per-project, per-job cache and the build's shared storage. Both are
 * {@code ReadWriteMany}; the storage class is the project's, else the build default, else none (the
 * cluster default).
 */
final class StorageClaims {
  static final String ACCESS_MODE = "ReadWriteMany";
  static final String DEFAULT_BUILD_STORAGE_SIZE = "50Mi";

  private StorageClaims() {}

  static String cacheName(JobSpec job, JobPodContext ctx) {
    return BrigadeNames.cachePvcName(ctx.projectName(), job.name());
  }

  static String buildName(JobPodContext ctx) {
    return BrigadeNames.buildPvcName(ctx.workerName());
  }

  static PersistentVolumeClaim cache(JobSpec job, JobPodContext ctx) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE);
    labels.put(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_JOB_CACHE);
    labels.put(BrigadeLabels.JOB, job.name());
    labels.put(BrigadeLabels.PROJECT, ctx.project().id());
    String storageClass =
        firstNonEmpty(
            ctx.project().value(ProjectKeys.CACHE_STORAGE_CLASS), ctx.defaultCacheStorageClass());
    return claim(cacheName(job, ctx), labels, job.pod().cache().size(), storageClass);
  }

  static PersistentVolumeClaim build(JobPodContext ctx) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(BrigadeLabels.HERITAGE, BrigadeLabels.BRIGADE);
    labels.put(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_BUILD_STORAGE);
    labels.put(BrigadeLabels.PROJECT, ctx.project().id());
    labels.put(BrigadeLabels.WORKER, ctx.workerName());
    labels.put(BrigadeLabels.BUILD, ctx.buildId());
    String size =
        firstNonEmpty(
            ctx.project().value(ProjectKeys.BUILD_STORAGE_SIZE), DEFAULT_BUILD_STORAGE_SIZE);
    String storageClass =
        firstNonEmpty(
            ctx.project().value(ProjectKeys.BUILD_STORAGE_CLASS), ctx.defaultBuildStorageClass());
    return claim(buildName(ctx), labels, size, storageClass);
  }

  private static PersistentVolumeClaim claim(
      String name, Map<String, String> labels, String size, String storageClass) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withAccessModes(ACCESS_MODE)
        .withStorageClassName(storageClass.isEmpty() ? null : storageClass)
        .withNewResources()
        .addToRequests("storage", new Quantity(size))
        .endResources()
        .endSpec()
        .build();
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
