package dev.kubeherd.testsupport.kube;

import dev.kubeherd.core.local.exec.MountNamespaces;
import dev.kubeherd.core.model.JobSpec.Mount;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a job pod's first container as a local process, ignoring its image: {@code command} then
 * {@code args} (a container without a command succeeds with no output, as an image entrypoint we
 * cannot run). Arguments that start with a mount path are rewritten to the host directory behind
 * it, so {@code /hook/main.sh} runs the job Secret's script. The process starts in the directory
 * mounted at the container's working directory or {@code /src}, when there is one. Output is stdout
 * and stderr merged; deleting the pod kills the process.
 *
 * <p>{@link #inMountNamespace} runs the command the way a container sees its volumes instead: in a
 * private mount namespace where each volume is bind-mounted at its mount path (as local-mode
 * process jobs are), so a script that names {@code /src} itself finds the checkout there.
 */
public final class ShellPodRunner implements PodRunner {
  private final Optional<Path> wrapperDir;
  private final Optional<List<String>> unshare;

  /** Host paths: arguments under a mount path are rewritten. */
  public ShellPodRunner() {
    this(Optional.empty(), Optional.empty());
  }

  private ShellPodRunner(Optional<Path> wrapperDir, Optional<List<String>> unshare) {
    this.wrapperDir = wrapperDir;
    this.unshare = unshare;
  }

  /**
   * Volumes at their mount paths, in a private mount namespace (root, or unprivileged user
   * namespaces), else host paths as {@link #ShellPodRunner()}.
   *
   * @param workDir where the mount wrapper scripts go (never under a mount path)
   */
  public static ShellPodRunner inMountNamespace(Path workDir) throws IOException {
    Path dir = Files.createDirectories(workDir.toAbsolutePath());
    return new ShellPodRunner(Optional.of(dir), MountNamespaces.unsharePrefix(dir));
  }

  @Override
  public PodOutcome run(SimulatedPod pod) throws IOException, InterruptedException {
    Container c = pod.pod().getSpec().getContainers().getFirst();
    if (c.getCommand() == null || c.getCommand().isEmpty()) {
      return PodOutcome.succeeded("");
    }
    List<String> command = new ArrayList<>(c.getCommand());
    if (c.getArgs() != null) {
      command.addAll(c.getArgs());
    }
    String workDir = c.getWorkingDir() == null ? "/src" : c.getWorkingDir();
    Path dir = pod.mounts().get(workDir);
    Optional<List<String>> prefix = unshare;
    ProcessBuilder pb;
    Path wrapper = null;
    if (prefix.isPresent() && !pod.mounts().isEmpty()) {
      wrapper = wrapper(pod, dir != null ? Optional.of(workDir) : Optional.empty());
      List<String> wrapped = new ArrayList<>(prefix.get());
      wrapped.addAll(List.of("/bin/sh", wrapper.toString()));
      wrapped.addAll(command);
      pb = new ProcessBuilder(wrapped);
    } else {
      pb = new ProcessBuilder(command.stream().map(a -> hostPath(a, pod.mounts())).toList());
      if (dir != null && Files.isDirectory(dir)) {
        pb.directory(dir.toFile());
      }
    }
    pb.redirectErrorStream(true);
    pb.environment().putAll(pod.env());
    try {
      return run(pod, pb);
    } finally {
      if (wrapper != null) {
        Files.deleteIfExists(wrapper);
      }
    }
  }

  private Path wrapper(SimulatedPod pod, Optional<String> workingPath) throws IOException {
    List<Mount> mounts =
        pod.mounts().entrySet().stream().map(m -> new Mount(m.getValue(), m.getKey())).toList();
    Path file = Files.createTempFile(wrapperDir.orElseThrow(), "mounts-" + pod.name(), ".sh");
    return Files.writeString(file, MountNamespaces.wrapper(mounts, workingPath));
  }

  private static PodOutcome run(SimulatedPod pod, ProcessBuilder pb)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("pod-" + pod.name(), ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    try {
      int code = p.waitFor();
      return new PodOutcome(code, Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
      // the shell first, so it cannot run its next command once its child is gone; its
      // descendants are listed before, as they are re-parented when it dies
      List<ProcessHandle> children = p.descendants().toList();
      p.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static String hostPath(String arg, Map<String, Path> mounts) {
    for (Map.Entry<String, Path> m : mounts.entrySet()) {
      String mountPath = m.getKey();
      if (arg.equals(mountPath)) {
        return m.getValue().toString();
      }
      if (arg.startsWith(mountPath + "/")) {
        return m.getValue().resolve(arg.substring(mountPath.length() + 1)).toString();
      }
    }
    return arg;
  }
}
