package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code vcs-sidecar} init container of a job pod: the project's {@code vcsSidecar} image
 * cloning the build's revision into the {@code vcs-sidecar} volume at {@code /src}, with the v1
 * environment (12 entries, plus the SSH key and certificate, and the token, as references to the
 * project Secret so no credential is ever copied) and {@code vcsSidecarResources}.
 */
final class VcsSidecar {
  static final String NAME = "vcs-sidecar";
  static final String WORKSPACE = "/src";

  private VcsSidecar() {}

  /** v1: only for {@code useSource} jobs of a project with a clone URL and a sidecar image. */
  static boolean wanted(JobSpec job, JobPodContext ctx) {
    return job.pod().useSource()
        && !ctx.effectiveCloneUrl().isEmpty()
        && !ctx.project().value(ProjectKeys.VCS_SIDECAR).isEmpty();
  }

  static Container container(JobSpec job, JobPodContext ctx, String pullPolicy) {
    Project p = ctx.project();
    return new ContainerBuilder()
        .withName(NAME)
        .withImage(p.value(ProjectKeys.VCS_SIDECAR))
        .withImagePullPolicy(pullPolicy)
        .addNewVolumeMount()
        .withName(NAME)
        .withMountPath(WORKSPACE)
        .endVolumeMount()
        .withEnv(env(ctx))
        .withResources(resources(p))
        .build();
  }

  static List<EnvVar> env(JobPodContext ctx) {
    Project p = ctx.project();
    List<EnvVar> env = new ArrayList<>();
    add(env, "CI", "true");
    add(env, "BRIGADE_BUILD_ID", ctx.buildId());
    add(env, "BRIGADE_COMMIT_ID", ctx.commit());
    add(env, "BRIGADE_COMMIT_REF", ctx.ref());
    add(env, "BRIGADE_EVENT_PROVIDER", ctx.eventProvider());
    add(env, "BRIGADE_EVENT_TYPE", ctx.eventType());
    add(env, "BRIGADE_PROJECT_ID", p.id());
    add(env, "BRIGADE_REMOTE_URL", ctx.effectiveCloneUrl());
    add(env, "BRIGADE_WORKSPACE", WORKSPACE);
    add(env, "BRIGADE_PROJECT_NAMESPACE", ctx.namespace());
    add(env, "BRIGADE_SUBMODULES", String.valueOf(p.flag(ProjectKeys.INIT_GIT_SUBMODULES, false)));
    add(env, "BRIGADE_LOG_LEVEL", ctx.logLevelName());
    if (!p.value(ProjectKeys.SSH_KEY).isEmpty()) {
      env.add(projectSecret("BRIGADE_REPO_KEY", p.id(), ProjectKeys.SSH_KEY));
      env.add(projectSecret("BRIGADE_REPO_SSH_CERT", p.id(), ProjectKeys.SSH_CERT));
    }
    if (!p.value(ProjectKeys.GITHUB_TOKEN).isEmpty()) {
      env.add(projectSecret("BRIGADE_REPO_AUTH_TOKEN", p.id(), ProjectKeys.GITHUB_TOKEN));
    }
    return env;
  }

  private static void add(List<EnvVar> env, String name, String value) {
    env.add(new EnvVarBuilder().withName(name).withValue(value).build());
  }

  private static EnvVar projectSecret(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static ResourceRequirements resources(Project p) {
    return JobPodFactory.resources(
        quantities(p.value(ProjectKeys.VCS_REQUESTS_CPU), p.value(ProjectKeys.VCS_REQUESTS_MEMORY)),
        quantities(p.value(ProjectKeys.VCS_LIMITS_CPU), p.value(ProjectKeys.VCS_LIMITS_MEMORY)));
  }

  static Map<String, Quantity> quantities(String cpu, String memory) {
    Map<String, Quantity> q = new LinkedHashMap<>();
    if (!cpu.isEmpty()) {
      q.put("cpu", new Quantity(cpu));
    }
    if (!memory.isEmpty()) {
      q.put("memory", new Quantity(memory));
    }
    return q;
  }
}
