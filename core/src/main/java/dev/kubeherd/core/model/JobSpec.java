package dev.kubeherd.core.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One job of a build, as the worker hands it to a {@code JobExecutor}: the brigadier {@code Job}
 * after validation and secret resolution. {@code podName} is {@code <name>-<buildId>} (the v1 job
 * pod and secret name). {@code mounts} are the host directories a local executor must show the job
 * (source at {@code mountPath}, shared build storage, job cache); a pod executor maps the same
 * needs to volumes instead, described by {@code pod} ({@link JobPodOptions}). {@code env} holds the
 * plain string values in script order; references ({@code valueFrom}) are in {@code
 * pod.envReferences()}.
 */
public record JobSpec(
    String buildId,
    String projectId,
    String name,
    String image,
    boolean imageForcePull,
    String shell,
    List<String> tasks,
    List<String> args,
    Map<String, String> env,
    String mountPath,
    Duration timeout,
    boolean privileged,
    List<Mount> mounts,
    JobPodOptions pod) {

  /** A job without pod options ({@link JobPodOptions#DEFAULTS}), as local executors need it. */
  public JobSpec(
      String buildId,
      String projectId,
      String name,
      String image,
      boolean imageForcePull,
      String shell,
      List<String> tasks,
      List<String> args,
      Map<String, String> env,
      String mountPath,
      Duration timeout,
      boolean privileged,
      List<Mount> mounts) {
    this(
        buildId,
        projectId,
        name,
        image,
        imageForcePull,
        shell,
        tasks,
        args,
        env,
        mountPath,
        timeout,
        privileged,
        mounts,
        JobPodOptions.DEFAULTS);
  }

  public JobSpec {
    Objects.requireNonNull(buildId, "buildId");
    Objects.requireNonNull(name, "name");
    image = image == null ? "" : image;
    shell = shell == null || shell.isEmpty() ? "/bin/sh" : shell;
    tasks = List.copyOf(tasks);
    args = List.copyOf(args);
    env = JobPodOptions.ordered(env);
    mounts = List.copyOf(mounts);
    pod = pod == null ? JobPodOptions.DEFAULTS : pod;
  }

  public String podName() {
    return name + "-" + buildId;
  }

  /**
   * The v1 {@code main.sh}: shebang, then {@code set -e} for {@code /bin/sh} or {@code set -eo
   * pipefail} for {@code /bin/bash}, then the tasks joined by newlines (no trailing newline).
   */
  public String mainScript() {
    StringBuilder sb = new StringBuilder("#!").append(shell).append("\n\n");
    if (shell.equals("/bin/sh")) {
      sb.append("set -e\n\n");
    } else if (shell.equals("/bin/bash")) {
      sb.append("set -eo pipefail\n\n");
    }
    return sb.append(String.join("\n", tasks)).toString();
  }

  /** A host directory shown to the job at {@code path}. */
  public record Mount(Path hostDir, String path) {}
}
