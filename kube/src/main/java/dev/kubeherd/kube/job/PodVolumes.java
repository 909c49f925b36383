package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobPodOptions;
import dev.kubeherd.core.model.JobSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * A job pod's volumes and its {@code brigaderun} container's mounts, in v1 order (scripts and tests
 * index them): the job Secret at {@code /hook}, the checkout ({@code vcs-sidecar}) at the job's
 * {@code mountPath}, the cache PVC (volume named after the claim), {@code build-storage}, {@code
 * docker-socket}, then the script's own volumes and mounts.
 */
record PodVolumes(List<Volume> volumes, List<VolumeMount> mounts) {

  static PodVolumes of(
      JobSpec job, String podName, boolean sidecar, boolean allowHostMounts, JobPodContext ctx) {
    JobPodOptions o = job.pod();
    List<Volume> volumes = new ArrayList<>();
    List<VolumeMount> mounts = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(podName)
            .withNewSecret()
            .withSecretName(podName)
            .endSecret()
            .build());
    mounts.add(mount(podName, JobPodFactory.HOOK_PATH));
    if (sidecar) {
      volumes.add(
          new VolumeBuilder().withName(VcsSidecar.NAME).withNewEmptyDir().endEmptyDir().build());
      mounts.add(mount(VcsSidecar.NAME, job.mountPath()));
    }
    if (o.cache().enabled()) {
      String claim = StorageClaims.cacheName(job, ctx);
      volumes.add(claim(claim, claim));
      mounts.add(mount(claim, o.cache().path()));
    }
    if (o.storage().enabled()) {
      volumes.add(claim(JobPodFactory.BUILD_STORAGE_VOLUME, StorageClaims.buildName(ctx)));
      mounts.add(mount(JobPodFactory.BUILD_STORAGE_VOLUME, o.storage().path()));
    }
    if (o.docker() && allowHostMounts) {
      volumes.add(
          new VolumeBuilder()
              .withName(JobPodFactory.DOCKER_VOLUME)
              .withNewHostPath()
              .withPath(JobPodFactory.DOCKER_SOCKET)
              .endHostPath()
              .build());
      mounts.add(mount(JobPodFactory.DOCKER_VOLUME, JobPodFactory.DOCKER_SOCKET));
    }
    List<Volume> own = ScriptVolumes.volumes(o.volumesJson(), allowHostMounts);
    volumes.addAll(own);
    mounts.addAll(ScriptVolumes.mounts(o.volumeMountsJson(), own));
    return new PodVolumes(List.copyOf(volumes), List.copyOf(mounts));
  }

  private static Volume claim(String volume, String claim) {
    return new VolumeBuilder()
        .withName(volume)
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .endPersistentVolumeClaim()
        .build();
  }

  private static VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }
}
