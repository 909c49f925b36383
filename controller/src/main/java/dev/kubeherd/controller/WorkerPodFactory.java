package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The worker pod of a build as a Brigade v1 controller makes it (contract §3.3), so custom v1
 * workers keep working, plus security contexts that Pod Security "restricted" admits ({@link
 * WorkerPodSecurity}). Pure: builds the object, talks to no server.
 */
public final class WorkerPodFactory {
  /** The worker container's name. */
  public static final String RUNNER = "brigade-runner";

  /** The VCS init container's name, also its volume's. */
  public static final String VCS_SIDECAR = "vcs-sidecar";

  /** The clone init container's own scratch directory (working directory and HOME). */
  static final String VCS_SCRATCH = "vcs-sidecar-home";

  static final String VCS_SCRATCH_MOUNT = "/var/run/vcs-sidecar";

  static final String BUILD_VOLUME = "brigade-build";
  static final String PROJECT_VOLUME = "brigade-project";
  static final String BUILD_MOUNT = "/etc/brigade";
  static final String PROJECT_MOUNT = "/etc/brigade-project";
  static final String DEFAULT_SCRIPT_MOUNT = "/etc/brigade-default-script";
  static final String DEFAULT_CONFIG_MOUNT = "/etc/brigade-default-config";

  private final WorkerPodConfig config;

  public WorkerPodFactory(WorkerPodConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  WorkerPodConfig config() {
    return config;
  }

  /** The pod for {@code build} of {@code project}, named and labelled after its build Secret. */
  public Pod workerPod(BuildSecretRef secret, Build build, Project project) {
    List<EnvVar> env = WorkerEnv.of(secret, build, project, config);
    String pullPolicy = WorkerImage.pullPolicy(config.pullPolicy(), project);
    boolean vcs = !project.value(ProjectKeys.VCS_SIDECAR).isEmpty();
    List<VolumeMount> mounts = mounts(project, vcs);
    List<String> command = command(project);
    WorkerPodSecurity security = WorkerPodSecurity.forCommand(command);
    Container runner =
        new ContainerBuilder()
            .withName(RUNNER)
            .withImage(WorkerImage.resolve(config.image(), project))
            .withImagePullPolicy(pullPolicy)
            .withCommand(command)
            .withEnv(env)
            .withVolumeMounts(mounts)
            .withSecurityContext(security.runner())
            .withResources(
                resources(
                    config.resources().requestsCpu(),
                    config.resources().requestsMemory(),
                    config.resources().limitsCpu(),
                    config.resources().limitsMemory()))
            .build();
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(secret.name())
            .withNamespace(secret.namespace())
            .withLabels(secret.sortedLabels())
            .endMetadata()
            .withNewSpec()
            .withServiceAccountName(config.workerServiceAccount())
            .withSecurityContext(security.pod())
            .withNodeSelector(Map.of("beta.kubernetes.io/os", "linux"))
            .withRestartPolicy("Never")
            .withImagePullSecrets(pullSecrets(project))
            .withContainers(runner)
            .withVolumes(volumes(secret, project, vcs, security))
            .endSpec();
    if (vcs) {
      pod.editSpec().withInitContainers(vcsSidecar(project, env, pullPolicy, security)).endSpec();
    }
    return pod.build();
  }

  /** Project settings the pod ignores (absolute script/config paths), for a warning. */
  public static List<String> ignoredSettings(Project project) {
    return WorkerEnv.ignoredAbsolutePaths(project);
  }

  /** The controller command, then the project's, else the default; split on single spaces. */
  List<String> command(Project project) {
    String cmd = config.defaultCommand();
    if (!config.command().isEmpty()) {
      cmd = config.command();
    }
    String projectCmd = project.value(WorkerProjectKeys.WORKER_COMMAND);
    if (!projectCmd.isEmpty()) {
      cmd = projectCmd;
    }
    return Arrays.asList(cmd.split(" ", -1));
  }

  /**
   * The clone init container. Non-root (a kubeherd worker's pod), it starts in a scratch directory
   * of its own, which is also its {@code HOME}: v1's git-sidecar writes the SSH key into its
   * working directory, and the workspace would hand the key to the worker and its jobs. A v1
   * worker's pod keeps v1's container (root, the image's working directory).
   */
  private static Container vcsSidecar(
      Project project, List<EnvVar> env, String pullPolicy, WorkerPodSecurity security) {
    ContainerBuilder sidecar =
        new ContainerBuilder()
            .withName(VCS_SIDECAR)
            .withImage(project.value(ProjectKeys.VCS_SIDECAR))
            .withImagePullPolicy(pullPolicy)
            .withEnv(env)
            .withVolumeMounts(mount(VCS_SIDECAR, WorkerEnv.WORKSPACE, false))
            .withSecurityContext(security.vcsSidecar())
            .withResources(
                resources(
                    project.value(ProjectKeys.VCS_REQUESTS_CPU),
                    project.value(ProjectKeys.VCS_REQUESTS_MEMORY),
                    project.value(ProjectKeys.VCS_LIMITS_CPU),
                    project.value(ProjectKeys.VCS_LIMITS_MEMORY)));
    if (security.restricted()) {
      sidecar
          .withWorkingDir(VCS_SCRATCH_MOUNT)
          .addNewEnv()
          .withName("HOME")
          .withValue(VCS_SCRATCH_MOUNT)
          .endEnv()
          .addAllToEnv(security.vcsSidecarEnv())
          .addToVolumeMounts(mount(VCS_SCRATCH, VCS_SCRATCH_MOUNT, false));
    }
    return sidecar.build();
  }

  private static List<VolumeMount> mounts(Project project, boolean vcs) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount(BUILD_VOLUME, BUILD_MOUNT, true));
    mounts.add(mount(PROJECT_VOLUME, PROJECT_MOUNT, true));
    if (vcs) {
      mounts.add(mount(VCS_SIDECAR, WorkerEnv.WORKSPACE, false));
    }
    String script = project.value(WorkerProjectKeys.DEFAULT_SCRIPT_NAME);
    if (!script.isEmpty()) {
      mounts.add(mount(script, DEFAULT_SCRIPT_MOUNT, false));
    }
    String cfg = project.value(WorkerProjectKeys.DEFAULT_CONFIG_NAME);
    if (!cfg.isEmpty()) {
      mounts.add(mount(cfg, DEFAULT_CONFIG_MOUNT, false));
    }
    return mounts;
  }

  private static List<Volume> volumes(
      BuildSecretRef secret, Project project, boolean vcs, WorkerPodSecurity security) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(BUILD_VOLUME)
            .withNewSecret()
            .withSecretName(secret.name())
            .endSecret()
            .build());
    volumes.add(
        new VolumeBuilder()
            .withName(PROJECT_VOLUME)
            .withNewSecret()
            .withSecretName(project.id())
            .endSecret()
            .build());
    if (vcs) {
      volumes.add(
          new VolumeBuilder().withName(VCS_SIDECAR).withNewEmptyDir().endEmptyDir().build());
      if (security.restricted()) {
        volumes.add(
            new VolumeBuilder().withName(VCS_SCRATCH).withNewEmptyDir().endEmptyDir().build());
      }
    }
    for (String key :
        List.of(WorkerProjectKeys.DEFAULT_SCRIPT_NAME, WorkerProjectKeys.DEFAULT_CONFIG_NAME)) {
      String configMap = project.value(key);
      if (!configMap.isEmpty()) {
        volumes.add(
            new VolumeBuilder()
                .withName(configMap)
                .withNewConfigMap()
                .withName(configMap)
                .endConfigMap()
                .build());
      }
    }
    return volumes;
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    VolumeMountBuilder m = new VolumeMountBuilder().withName(volume).withMountPath(path);
    return readOnly ? m.withReadOnly(true).build() : m.build();
  }

  private static List<LocalObjectReference> pullSecrets(Project project) {
    List<LocalObjectReference> refs = new ArrayList<>();
    for (String name : project.value(WorkerProjectKeys.IMAGE_PULL_SECRETS).split(",")) {
      if (!name.trim().isEmpty()) {
        refs.add(new LocalObjectReference(name.trim()));
      }
    }
    return refs;
  }

  /** Requests and limits; blank or unparseable quantities are left out, as in v1. */
  private static ResourceRequirements resources(
      String requestsCpu, String requestsMemory, String limitsCpu, String limitsMemory) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    Map<String, Quantity> limits = new LinkedHashMap<>();
    Quantities.parse(requestsCpu).ifPresent(q -> requests.put("cpu", q));
    Quantities.parse(requestsMemory).ifPresent(q -> requests.put("memory", q));
    Quantities.parse(limitsCpu).ifPresent(q -> limits.put("cpu", q));
    Quantities.parse(limitsMemory).ifPresent(q -> limits.put("memory", q));
    if (requests.isEmpty() && limits.isEmpty()) {
      return null;
    }
    ResourceRequirements r = new ResourceRequirements();
    r.setRequests(requests);
    r.setLimits(limits);
    return r;
  }
}
