package dev.kubeherd.controller;

import static dev.kubeherd.controller.TestBuilds.BUILD_ID;
import static dev.kubeherd.controller.TestBuilds.EMPTY_TESTBED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Worker pods are admitted where Pod Security "restricted" is enforced (namespace-defaults'
 * default) and keep what the worker and its clone init container need.
 */
class WorkerPodSecurityTest {
  private final WorkerPodConfig defaults = ControllerConfig.fromEnv(Map.of()).worker();

  @Test
  void workerPodWithoutSidecarPassesPodSecurityRestricted() {
    Pod pod = podFor(TestBuilds.project(EMPTY_TESTBED, Map.of("defaultScriptName", "ci-script")));

    assertThat(RestrictedPodSecurity.violations(pod.getSpec())).isEmpty();
  }

  @Test
  void workerPodAndItsVcsSidecarPassPodSecurityRestricted() {
    Pod pod = podFor(withSidecar());

    assertThat(pod.getSpec().getInitContainers()).isNotEmpty();
    assertThat(RestrictedPodSecurity.violations(pod.getSpec())).isEmpty();
  }

  @Test
  void workerRunsAsTheKubeherdImageUserAndOwnsItsVolumes() {
    Pod pod = podFor(withSidecar());

    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(pod.getSpec().getSecurityContext().getRunAsGroup()).isEqualTo(65532L);
    assertThat(pod.getSpec().getSecurityContext().getFsGroup()).isEqualTo(65532L);
    Container runner = pod.getSpec().getContainers().getFirst();
    assertThat(runner.getSecurityContext().getRunAsUser()).as("the pod's user").isNull();
    assertThat(runner.getSecurityContext().getReadOnlyRootFilesystem())
        .as("the worker's scratch directory is under /tmp")
        .isNotEqualTo(Boolean.TRUE);
  }

  @Test
  void vcsSidecarClonesAsNobodyFromTheWritableWorkspace() {
    Container sidecar = podFor(withSidecar()).getSpec().getInitContainers().getFirst();

    assertThat(sidecar.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
    assertThat(sidecar.getWorkingDir()).isEqualTo("/vcs");
    assertThat(sidecar.getVolumeMounts())
        .extracting(VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly(tuple("/vcs", null));
  }

  @Test
  void theCheckerRejectsAPodWithoutSecurityContexts() {
    Pod pod = podFor(withSidecar());
    pod.getSpec().setSecurityContext(null);
    pod.getSpec().getInitContainers().getFirst().setSecurityContext(null);

    assertThat(RestrictedPodSecurity.violations(pod.getSpec()))
        .contains(
            "allowPrivilegeEscalation != false (container vcs-sidecar)",
            "runAsNonRoot != true (container vcs-sidecar)",
            "runAsNonRoot != true (container brigade-runner)",
            "seccompProfile must be RuntimeDefault or Localhost (container brigade-runner)");
  }

  private static Project withSidecar() {
    return TestBuilds.project(
        EMPTY_TESTBED,
        Map.of(
            "cloneURL", "git@github.com:brigadecore/empty-testbed.git",
            "sshKey", "key",
            "vcsSidecar", "brigadecore/git-sidecar:v1.5.0",
            "defaultScriptName", "ci-script",
            "defaultConfigName", "ci-config"));
  }

  private Pod podFor(Project project) {
    Build build = TestBuilds.brigRun(BUILD_ID, project.id());
    return new WorkerPodFactory(defaults)
        .workerPod(BuildSecretRef.of(build, "default"), build, project);
  }
}
