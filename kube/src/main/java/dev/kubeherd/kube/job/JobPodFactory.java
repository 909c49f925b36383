package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobPodOptions;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BrigadeNames;
import dev.kubeherd.kube.brigade.SecretTypes;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link JobSpec} into the Kubernetes objects Brigade v1 creates for it: the job Secret,
 * the job Pod, the job cache PVC and the build storage PVC. Pure: no I/O, time from the injected
 * clock. Project gating is applied again here (privileged, docker socket, {@code hostPath}, {@code
 * secretKeyRef}) so a pod is never more powerful than the project allows, whoever built the spec.
 *
 * <p>The job Secret ({@code brigade.sh/job}, named like the pod) holds each plain env value and,
 * when the job has tasks, {@code main.sh}; the container reads env values from it by {@code
 * secretKeyRef}, so no value appears in the pod spec.
 */
public final class JobPodFactory {
  /** The job Secret label holding its expiry (epoch ms); nothing in v1 acts on it. */
  public static final String EXPIRES_LABEL = "expires";

  /** How long after creation a job Secret is labelled to expire. */
  public static final Duration SECRET_LIFETIME = Duration.ofDays(30);

  public static final String CONTAINER = "brigaderun";
  public static final String MAIN_SCRIPT_KEY = "main.sh";
  public static final String HOOK_PATH = "/hook";
  public static final String BUILD_STORAGE_VOLUME = "build-storage";
  public static final String DOCKER_VOLUME = "docker-socket";
  public static final String DOCKER_SOCKET = "/var/run/docker.sock";
  public static final String OS_NODE_LABEL = "beta.kubernetes.io/os";

  private final JobPodContext ctx;
  private final Clock clock;

  public JobPodFactory(JobPodContext ctx, Clock clock) {
    this.ctx = ctx;
    this.clock = clock;
  }

  public JobPodContext context() {
    return ctx;
  }

  /**
   * The job pod and Secret name, {@code <job>-<buildID>} (the same as {@link JobSpec#podName()}).
   */
  public String podName(JobSpec job) {
    return BrigadeNames.jobPodName(job.name(), job.buildId());
  }

  /** v1 job labels: heritage, component, jobname, project, worker, build. */
  public Map<String, String> labels(JobSpec job) {
    return BrigadeLabels.jobLabels(job.name(), ctx.project().id(), ctx.workerName(), ctx.buildId());
  }

  /** The job Secret: env values and {@code main.sh}, labelled like the pod plus {@code expires}. */
  public Secret secret(JobSpec job) {
    Map<String, String> labels = new LinkedHashMap<>(labels(job));
    labels.put(EXPIRES_LABEL, String.valueOf(clock.millis() + SECRET_LIFETIME.toMillis()));
    Map<String, String> data = new LinkedHashMap<>();
    job.env().forEach((k, v) -> data.put(k, base64(v)));
    if (!job.tasks().isEmpty()) {
      data.put(MAIN_SCRIPT_KEY, base64(job.mainScript()));
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(podName(job))
        .withLabels(labels)
        .endMetadata()
        .withType(SecretTypes.JOB)
        .withData(data)
        .build();
  }

  /**
   * The job pod as v1 shapes it.
   *
   * @throws JobPodSpecException a script volume or mount the project does not allow or that names
   *     no volume
   */
  public Pod pod(JobSpec job) {
    JobPodOptions o = job.pod();
    String name = podName(job);
    String pullPolicy = job.imageForcePull() ? "Always" : "IfNotPresent";
    boolean sidecar = VcsSidecar.wanted(job, ctx);
    PodVolumes volumes = PodVolumes.of(job, name, sidecar, allowHostMounts(), ctx);
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels(job))
            .withAnnotations(o.annotations().isEmpty() ? null : o.annotations())
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withServiceAccount(serviceAccount(job))
            .withServiceAccountName(serviceAccount(job))
            .withNodeSelector(nodeSelector(o.host()))
            .withNodeName(o.host().name().isEmpty() ? null : o.host().name())
            .withImagePullSecrets(
                o.imagePullSecrets().stream().map(LocalObjectReference::new).toList())
            .withVolumes(volumes.volumes())
            .withContainers(container(job, pullPolicy, volumes.mounts()))
            .endSpec();
    if (sidecar) {
      pod.editSpec().withInitContainers(VcsSidecar.container(job, ctx, pullPolicy)).endSpec();
    }
    return pod.build();
  }

  /** The job's cache PVC ({@code cache.enabled}), created once per project and job name. */
  public PersistentVolumeClaim cachePvc(JobSpec job) {
    return StorageClaims.cache(job, ctx);
  }

  /** The build storage PVC, named after the worker. */
  public PersistentVolumeClaim buildPvc() {
    return StorageClaims.build(ctx);
  }

  public String cachePvcName(JobSpec job) {
    return StorageClaims.cacheName(job, ctx);
  }

  public String buildPvcName() {
    return StorageClaims.buildName(ctx);
  }

  private Container container(JobSpec job, String pullPolicy, List<VolumeMount> mounts) {
    JobPodOptions o = job.pod();
    ContainerBuilder c =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(job.image())
            .withImagePullPolicy(pullPolicy)
            .withEnv(env(job))
            .withVolumeMounts(mounts)
            .withSecurityContext(securityContext(job))
            .withResources(
                resources(
                    VcsSidecar.quantities(o.requests().cpu(), o.requests().memory()),
                    VcsSidecar.quantities(o.limits().cpu(), o.limits().memory())));
    if (!job.tasks().isEmpty()) {
      c.withCommand(job.shell(), HOOK_PATH + "/" + MAIN_SCRIPT_KEY);
    }
    if (!job.args().isEmpty()) {
      c.withArgs(job.args());
    }
    return c.build();
  }

  /** Plain values by reference to the job Secret, then the script's allowed references. */
  private List<EnvVar> env(JobSpec job) {
    String secret = podName(job);
    List<EnvVar> env = new ArrayList<>();
    for (String key : job.env().keySet()) {
      env.add(
          new EnvVarBuilder()
              .withName(key)
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(secret)
              .withKey(key)
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    boolean allowSecretKeyRef = ctx.project().flag(ProjectKeys.ALLOW_SECRET_KEY_REF, false);
    job.pod()
        .envReferences()
        .forEach(
            (key, json) -> {
              EnvVarSource from = ScriptVolumes.valueFrom(key, json);
              if (from.getSecretKeyRef() == null || allowSecretKeyRef) {
                env.add(new EnvVarBuilder().withName(key).withValueFrom(from).build());
              }
            });
    return env;
  }

  private SecurityContext securityContext(JobSpec job) {
    boolean privileged =
        job.privileged() && ctx.project().flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, true);
    return privileged
        ? new SecurityContextBuilder().withPrivileged(true).build()
        : new SecurityContext();
  }

  private String serviceAccount(JobSpec job) {
    String own = job.pod().serviceAccount();
    return own.isEmpty() ? ctx.serviceAccount() : own;
  }

  private static Map<String, String> nodeSelector(JobPodOptions.Host host) {
    Map<String, String> selector = new LinkedHashMap<>();
    if (!host.os().isEmpty()) {
      selector.put(OS_NODE_LABEL, host.os());
    }
    selector.putAll(host.nodeSelector());
    return selector.isEmpty() ? null : selector;
  }

  private boolean allowHostMounts() {
    return ctx.project().flag(ProjectKeys.ALLOW_HOST_MOUNTS, false);
  }

  static ResourceRequirements resources(
      Map<String, Quantity> requests, Map<String, Quantity> limits) {
    if (requests.isEmpty() && limits.isEmpty()) {
      return null;
    }
    return new ResourceRequirementsBuilder()
        .withRequests(requests.isEmpty() ? null : requests)
        .withLimits(limits.isEmpty() ? null : limits)
        .build();
  }

  private static String base64(String value) {
    return Base64.getEncoder()
        .encodeToString((value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
  }
}
