package dev.kubeherd.controller;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;

/**
 * The security contexts of a worker pod. A pod that runs kubeherd's worker ({@code kubeherd
 * worker}) is admitted where Pod Security "restricted" is enforced: non-root, no privilege
 * escalation, every capability dropped, the runtime's default seccomp profile. The root file system
 * stays writable (the worker's scratch directory is under {@code /tmp}); the volumes are Secrets,
 * ConfigMaps and an emptyDir, all allowed. A pod that runs another worker (v1's {@code yarn -s
 * start} in a v1 worker image, which writes root-owned paths) keeps v1's pod: no security contexts.
 */
final class WorkerPodSecurity {
  private static final WorkerPodSecurity RESTRICTED = new WorkerPodSecurity(true);
  private static final WorkerPodSecurity V1 = new WorkerPodSecurity(false);

  private final boolean restricted;

  private WorkerPodSecurity(boolean restricted) {
    this.restricted = restricted;
  }

  /** Whether these are the restricted contexts (a kubeherd worker's pod). */
  boolean restricted() {
    return restricted;
  }

  /**
   * Restricted contexts for a pod whose command runs kubeherd's worker ({@code kubeherd ...}, by
   * name or path), v1's (none) for any other worker.
   */
  static WorkerPodSecurity forCommand(List<String> command) {
    String program = command.isEmpty() ? "" : command.getFirst();
    String name = program.substring(program.lastIndexOf('/') + 1);
    return name.equals("kubeherd") ? RESTRICTED : V1;
  }

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

  /** Pod level: non-root as {@link #WORKER_UID}, volumes group-owned by it, RuntimeDefault. */
  PodSecurityContext pod() {
    if (!restricted) {
      return null;
    }
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
  SecurityContext runner() {
    return restricted ? unprivileged().build() : null;
  }

  /** The vcs-sidecar init container: as {@link #runner()}, but as {@link #VCS_SIDECAR_UID}. */
  SecurityContext vcsSidecar() {
    return restricted ? unprivileged().withRunAsUser(VCS_SIDECAR_UID).build() : null;
  }

  /**
   * Extra environment of the vcs-sidecar: as {@link #VCS_SIDECAR_UID} it clones into the workspace
   * emptyDir, which is root-owned (group {@link #WORKER_UID} by fsGroup), and git 2.35.2 and later
   * refuses a repository owned by another user ("detected dubious ownership") unless {@code
   * safe.directory} covers it. {@code *} is set through git's environment config, so it applies to
   * this container only. None for v1's (root) sidecar.
   */
  List<EnvVar> vcsSidecarEnv() {
    if (!restricted) {
      return List.of();
    }
    return List.of(
        new EnvVar("GIT_CONFIG_COUNT", "1", null),
        new EnvVar("GIT_CONFIG_KEY_0", "safe.directory", null),
        new EnvVar("GIT_CONFIG_VALUE_0", "*", null));
  }

  private static SecurityContextBuilder unprivileged() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities();
  }
}
