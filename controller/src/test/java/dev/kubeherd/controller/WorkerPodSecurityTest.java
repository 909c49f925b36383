package dev.kubeherd.controller;

import static dev.kubeherd.controller.TestBuilds.BUILD_ID;
import static dev.kubeherd.controller.TestBuilds.EMPTY_TESTBED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pods of kubeherd's worker are admitted where Pod Security "restricted" is enforced
 * (namespace-defaults' default) and keep what the worker and its clone init container need; pods of
 * a v1 worker stay v1's.
 */
class WorkerPodSecurityTest {
  private final WorkerPodConfig defaults =
      ControllerConfig.fromEnv(Map.of("KUBEHERD_WORKER_DEFAULT_COMMAND", "kubeherd worker"))
          .worker();

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
  void vcsSidecarClonesAsNobodyFromAScratchDirectoryOutsideTheWorkspace() {
    Pod pod = podFor(withSidecar());
    Container sidecar = pod.getSpec().getInitContainers().getFirst();

    assertThat(sidecar.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
    // v1's git-sidecar writes the SSH key into its working directory: not the workspace, which
    // the worker and its jobs read
    assertThat(sidecar.getWorkingDir()).isEqualTo("/var/run/vcs-sidecar");
    assertThat(sidecar.getEnv())
        .anySatisfy(
            e -> {
              assertThat(e.getName()).isEqualTo("HOME");
              assertThat(e.getValue()).isEqualTo("/var/run/vcs-sidecar");
            });
    assertThat(sidecar.getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath, VolumeMount::getReadOnly)
        .containsExactly(
            tuple("vcs-sidecar", "/vcs", null),
            tuple("vcs-sidecar-home", "/var/run/vcs-sidecar", null));
    assertThat(pod.getSpec().getContainers().getFirst().getVolumeMounts())
        .extracting(VolumeMount::getName)
        .doesNotContain("vcs-sidecar-home");
    assertThat(pod.getSpec().getVolumes())
        .anySatisfy(
            v -> {
              assertThat(v.getName()).isEqualTo("vcs-sidecar-home");
              assertThat(v.getEmptyDir()).isNotNull();
            });
  }

  @Test
  void vcsSidecarTrustsTheWorkspaceItDoesNotOwnSoGitDoesNotRefuseIt() {
    // the workspace emptyDir is root-owned (group fsGroup); git >= 2.35.2 run as nobody refuses
    // a repository there with "detected dubious ownership" unless safe.directory covers it
    Container sidecar = podFor(withSidecar()).getSpec().getInitContainers().getFirst();

    assertThat(sidecar.getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(
            tuple("GIT_CONFIG_COUNT", "1"),
            tuple("GIT_CONFIG_KEY_0", "safe.directory"),
            tuple("GIT_CONFIG_VALUE_0", "*"));
    assertThat(podFor(withSidecar()).getSpec().getContainers().getFirst().getEnv())
        .extracting(EnvVar::getName)
        .as("only the clone container")
        .doesNotContain("GIT_CONFIG_COUNT");
  }

  @Test
  void aV1WorkersPodKeepsV1sSecurityContextsSoRootWorkerImagesStillWork() {
    WorkerPodConfig v1 = ControllerConfig.fromEnv(Map.of()).worker(); // yarn -s start
    Build build = TestBuilds.brigRun(BUILD_ID, withSidecar().id());
    Pod pod =
        new WorkerPodFactory(v1)
            .workerPod(BuildSecretRef.of(build, "default"), build, withSidecar());

    assertThat(pod.getSpec().getSecurityContext()).isNull();
    assertThat(pod.getSpec().getContainers().getFirst().getSecurityContext()).isNull();
    Container sidecar = pod.getSpec().getInitContainers().getFirst();
    assertThat(sidecar.getSecurityContext()).isNull();
    assertThat(sidecar.getWorkingDir()).isNull();
    assertThat(sidecar.getEnv()).extracting(EnvVar::getName).doesNotContain("GIT_CONFIG_COUNT");
  }

  @Test
  void aProjectWorkerCommandRunningKubeherdByPathGetsTheRestrictedPod() {
    WorkerPodConfig v1 = ControllerConfig.fromEnv(Map.of()).worker();
    Project project =
        TestBuilds.project(
            EMPTY_TESTBED, Map.of("workerCommand", "/opt/kubeherd/bin/kubeherd worker"));
    Build build = TestBuilds.brigRun(BUILD_ID, project.id());
    Pod pod =
        new WorkerPodFactory(v1).workerPod(BuildSecretRef.of(build, "default"), build, project);

    assertThat(RestrictedPodSecurity.violations(pod.getSpec())).isEmpty();
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
