package dev.kubeherd.worker.job;

import dev.kubeherd.core.model.JobPodOptions;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.JobSpec.Mount;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.worker.run.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.graalvm.polyglot.Value;
import tools.jackson.databind.JsonNode;

/**
 * Turns a brigadier {@code Job} object into a {@link JobSpec} with v1 defaults: timeout {@code
 * job.timeout || 60000} as a number of ms (the {@code Job} constructor sets 900000), {@code
 * /bin/sh}, source at {@code /src}, {@code privileged} only when the project allows it (silently
 * ignored otherwise), {@code secretKeyRef} env only when {@code kubernetes.allowSecretKeyRef} is
 * true (dropped with a warning otherwise). The pod-only properties go to {@link JobPodOptions} (see
 * {@link JobPodOptionsReader}).
 *
 * <p>{@link Target#LOCAL} resolves {@code secretKeyRef} env against the project's {@code secrets}
 * and maps source, storage and cache to host directories of the {@link Workspace}; {@link
 * Target#KUBERNETES} keeps every allowed {@code valueFrom} verbatim for the pod and needs no
 * workspace.
 */
public final class JobSpecReader {
  /** Where the jobs run, which decides how env references and mounts are read. */
  public enum Target {
    LOCAL,
    KUBERNETES
  }

  static final long FALSY_TIMEOUT_MS = 60_000;

  /** The longest delay a v1 (Node) timer honours; outside 1 ms..this, it fired after 1 ms. */
  static final long MAX_TIMEOUT_MS = 2_147_483_647L;

  private final String buildId;
  private final Project project;
  private final Workspace workspace;
  private final Consumer<String> warn;
  private final Target target;

  /** A reader for local jobs in {@code workspace}. */
  public JobSpecReader(
      String buildId, Project project, Workspace workspace, Consumer<String> warn) {
    this(buildId, project, workspace, warn, Target.LOCAL);
  }

  /**
   * @param workspace the build's host directories; only {@link Target#LOCAL} uses it (may be null
   *     for {@link Target#KUBERNETES})
   * @param warn receives warnings for the build log (never secret values)
   */
  public JobSpecReader(
      String buildId, Project project, Workspace workspace, Consumer<String> warn, Target target) {
    this.buildId = buildId;
    this.project = project;
    this.workspace = workspace;
    this.warn = warn;
    this.target = target;
    if (target == Target.LOCAL && workspace == null) {
      throw new IllegalArgumentException("a local job reader needs the build's workspace");
    }
  }

  /**
   * @throws InvalidJobException when the job cannot run as written: a {@code name} changed after
   *     {@code new Job()} to one v1's rule refuses (Kubernetes refused its pod), or an unusable
   *     {@code timeout}
   */
  public JobSpec read(Value job) {
    String name = JsValues.string(job, "name", "");
    checkName(name);
    Map<String, String> references = new LinkedHashMap<>();
    Map<String, String> env = env(name, JsValues.member(job, "env"), references);
    return new JobSpec(
        buildId,
        project.id(),
        name,
        JsValues.string(job, "image", ""),
        JsValues.truthy(job, "imageForcePull", false),
        JsValues.string(job, "shell", "/bin/sh"),
        list(job, "tasks"),
        list(job, "args"),
        env,
        JsValues.string(job, "mountPath", "/src"),
        Duration.ofMillis(timeoutMillis(job)),
        JsValues.truthy(job, "privileged", false)
            && project.flag(ProjectKeys.ALLOW_PRIVILEGED_JOBS, true),
        target == Target.LOCAL ? mounts(name, job) : List.of(),
        new JobPodOptionsReader(project).read(job, references));
  }

  /**
   * An array property such as {@code tasks}: anything else (v1 failed on a string with {@code
   * tasks.join is not a function}, or at pod creation) would run nothing, so it is refused.
   */
  private static List<String> list(Value job, String key) {
    Value v = JsValues.member(job, key);
    if (v != null && !v.hasArrayElements()) {
      String kind =
          v.isString()
              ? "a string"
              : v.isNumber() ? "a number" : v.isBoolean() ? "a boolean" : "an object";
      throw new InvalidJobException(
          JsValues.string(job, "name", ""),
          "job."
              + key
              + " must be an array of strings, not "
              + kind
              + ": write job."
              + key
              + " = ["
              + JsValues.json(v)
              + "]");
    }
    return JsValues.strings(job, key);
  }

  /** {@code new Job()} checks its name; a script may still assign {@code job.name} afterwards. */
  private static void checkName(String name) {
    JobNames.problem(name)
        .ifPresent(
            rule -> {
              throw new InvalidJobException(
                  name,
                  "job name \""
                      + name
                      + "\" (changed after new Job()) is not valid: "
                      + rule
                      + "; set job.name to such a name");
            });
  }

  /**
   * v1's {@code job.timeout || 60000}, used as Node's timers use it: as a number of ms, so {@code
   * "5000"} is 5000 and fractions are cut. A truthy value that is no number from 1 to {@value
   * #MAX_TIMEOUT_MS} made v1's timer fire at once, timing the job out; it is refused instead.
   *
   * @throws InvalidJobException for such a value
   */
  static long timeoutMillis(Value job) {
    Value t = JsValues.member(job, "timeout");
    if (t == null || !JsValues.isTruthy(t)) {
      return FALSY_TIMEOUT_MS;
    }
    double ms = JsValues.toNumber(t);
    if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS)) {
      throw new InvalidJobException(
          JsValues.string(job, "name", ""),
          "timeout "
              + JsValues.json(t)
              + " is not a number of milliseconds between 1 and "
              + MAX_TIMEOUT_MS
              + "; set job.timeout to one (v1 timed such a job out at once)");
    }
    return (long) ms;
  }

  private List<Mount> mounts(String name, Value job) {
    List<Mount> mounts = new ArrayList<>();
    if (JsValues.truthy(job, "useSource", true) && workspace.checkout().isPresent()) {
      mounts.add(new Mount(workspace.checkout().get(), JsValues.string(job, "mountPath", "/src")));
    }
    Value storage = JsValues.member(job, "storage");
    if (JsValues.truthy(storage, "enabled", false)) {
      mounts.add(
          new Mount(workspace.share(), JsValues.string(storage, "path", "/mnt/brigade/share")));
    }
    Value cache = JsValues.member(job, "cache");
    if (JsValues.truthy(cache, "enabled", false)) {
      mounts.add(
          new Mount(workspace.cache(name), JsValues.string(cache, "path", "/mnt/brigade/cache")));
    }
    return mounts;
  }

  private Map<String, String> env(String job, Value env, Map<String, String> references) {
    Map<String, String> out = new LinkedHashMap<>();
    if (env == null || !env.hasMembers()) {
      return out;
    }
    for (String key : env.getMemberKeys()) {
      Value v = env.getMember(key);
      if (v == null || v.isNull()) {
        out.put(key, "");
      } else if (v.isString() || v.isNumber() || v.isBoolean()) {
        out.put(key, v.isString() ? v.asString() : v.toString());
      } else if (target == Target.KUBERNETES) {
        kubernetesReference(job, key, v).ifPresent(json -> references.put(key, json));
      } else {
        reference(job, key, v).ifPresent(s -> out.put(key, s));
      }
    }
    return out;
  }

  /** A {@code valueFrom} object kept as JSON for the pod; {@code secretKeyRef} only if allowed. */
  private Optional<String> kubernetesReference(String job, String key, Value v) {
    if (JsValues.member(v, "secretKeyRef") != null && !secretKeyRefAllowed(job, key)) {
      return Optional.empty();
    }
    return Optional.of(JsValues.json(v));
  }

  private boolean secretKeyRefAllowed(String job, String key) {
    if (project.flag(ProjectKeys.ALLOW_SECRET_KEY_REF, false)) {
      return true;
    }
    warn.accept(
        "job "
            + job
            + ": secretKeyRef for env "
            + key
            + " ignored: set"
            + " kubernetes.allowSecretKeyRef to \"true\" in the project to allow it");
    return false;
  }

  private Optional<String> reference(String job, String key, Value v) {
    Value ref = JsValues.member(v, "secretKeyRef");
    if (ref == null) {
      warn.accept(
          "job "
              + job
              + ": env "
              + key
              + " uses a valueFrom reference local mode cannot resolve;"
              + " it is left unset");
      return Optional.empty();
    }
    if (!secretKeyRefAllowed(job, key)) {
      return Optional.empty();
    }
    String secretKey = JsValues.string(ref, "key", "");
    JsonNode value = ProjectSecretsJson.parse(project).get(secretKey);
    if (value == null) {
      warn.accept(
          "job "
              + job
              + ": env "
              + key
              + " references secret key '"
              + secretKey
              + "', which the project's secrets do not have; it is left unset");
      return Optional.empty();
    }
    return Optional.of(value.isString() ? value.asString() : value.toString());
  }
}
