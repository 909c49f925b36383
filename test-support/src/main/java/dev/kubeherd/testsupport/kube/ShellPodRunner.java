package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a job pod's first container as a local process, ignoring its image: {@code command} then
 * {@code args} (a container without a command succeeds with no output, as an image entrypoint we
 * cannot run). Arguments that start with a mount path are rewritten to the host directory behind
 * it, so {@code /hook/main.sh} runs the job Secret's script. The process starts in the directory
 * mounted at the container's working directory or {@code /src}, when there is one. Output is stdout
 * and stderr merged; deleting the pod kills the process.
 */
public final class ShellPodRunner implements PodRunner {

  @Override
  public PodOutcome run(SimulatedPod pod) throws IOException, InterruptedException {
    Container c = pod.pod().getSpec().getContainers().getFirst();
    List<String> command = new ArrayList<>();
    if (c.getCommand() != null) {
      c.getCommand().forEach(a -> command.add(hostPath(a, pod.mounts())));
    }
    if (command.isEmpty()) {
      return PodOutcome.succeeded("");
    }
    if (c.getArgs() != null) {
      c.getArgs().forEach(a -> command.add(hostPath(a, pod.mounts())));
    }
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(pod.env());
    String workDir = c.getWorkingDir() == null ? "/src" : c.getWorkingDir();
    Path dir = pod.mounts().get(workDir);
    if (dir != null && Files.isDirectory(dir)) {
      pb.directory(dir.toFile());
    }
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
