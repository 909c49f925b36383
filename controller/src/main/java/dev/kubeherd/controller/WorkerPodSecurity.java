package dev.kubeherd.controller;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security contexts of a worker pod, so that it is admitted where Pod Security "restricted" is
 * enforced (v1's worker pod had none): non-root, no privilege escalation, every capability dropped,
 * the runtime's default seccomp profile. The root file system stays writable (the worker's scratch
 * directory is under {@code /tmp}); the volumes are Secrets, ConfigMaps and an emptyDir, all
 * allowed.
 */
final class WorkerPodSecurity {
  /**
   * UID and GID of the worker container and fsGroup of the pod: the kubeherd image's user, the one
   * every kubeherd container runs as (the kubeherd chart's {@code securityContext.runAsUser}).
   */
  static final long WORKER_UID = 65532L;

  /**
   * UID of the vcs-sidecar init container: {@code nobody}, the one non-root user Alpine and Debian
   * based clone images (such as {@code brigadecore/git-sidecar}) have in {@code /etc/passwd}, which
   * OpenSSH's client needs for SSH clones ("No user exists for uid" otherwise).
   */
  static final long VCS_SIDECAR_UID = 65534L;

  private WorkerPodSecurity() {}

  /** Pod level: non-root as {@link #WORKER_UID}, volumes group-owned by it, RuntimeDefault. */
  static PodSecurityContext pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(WORKER_UID)
        .withRunAsGroup(WORKER_UID)
        .withFsGroup(WORKER_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** The worker container: the pod's user, no privilege escalation, no capabilities. */
  static SecurityContext runner() {
    return unprivileged().build();
  }

  /** The vcs-sidecar init container: as {@link #runner()}, but as {@link #VCS_SIDECAR_UID}. */
  static SecurityContext vcsSidecar() {
    return unprivileged().withRunAsUser(VCS_SIDECAR_UID).build();
  }

  private static SecurityContextBuilder unprivileged() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities();
  }
}
