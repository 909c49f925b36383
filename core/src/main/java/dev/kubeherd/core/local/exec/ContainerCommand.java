package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.JobSpec.Mount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code <engine> run} command of a job, as a v1 job pod would run it: {@code main.sh}
 * mounted read-only at {@code /hook} and run as {@code <shell> /hook/main.sh <args...>}, or,
 * without tasks, the image's entrypoint with the job's args. Environment values never appear in the
 * command: they come from an env file or, by name only, from the client's environment.
 */
final class ContainerCommand {
  static final String HOOK = "/hook";

  private ContainerCommand() {}

  /**
   * The command.
   *
   * @param hookDir the host directory holding {@code main.sh}, present when the job has tasks
   * @param envFile a file of {@code NAME=value} lines, if any
   * @param namesFromClient variables passed by name ({@code -e NAME}) from the client's environment
   * @throws IllegalArgumentException for a mount the engine cannot express
   */
  static List<String> run(
      String engine,
      JobSpec spec,
      Optional<Path> hookDir,
      Optional<Path> envFile,
      Collection<String> namesFromClient) {
    List<String> command =
        new ArrayList<>(List.of(engine, "run", "--rm", "--name", spec.podName()));
    if (spec.imageForcePull()) {
      command.add("--pull=always");
    }
    if (spec.privileged()) {
      command.add("--privileged");
    }
    hookDir.ifPresent(dir -> command.addAll(List.of("-v", volume(dir, HOOK) + ":ro")));
    boolean workingMount = false;
    for (Mount mount : spec.mounts()) {
      String path = MountNamespaceScript.checkPath(mount.path());
      command.addAll(List.of("-v", volume(mount.hostDir(), path)));
      workingMount |= spec.mountPath() != null && path.equals(normalized(spec.mountPath()));
    }
    envFile.ifPresent(file -> command.addAll(List.of("--env-file", file.toString())));
    namesFromClient.stream().sorted().forEach(name -> command.addAll(List.of("-e", name)));
    if (workingMount) {
      command.addAll(List.of("-w", normalized(spec.mountPath())));
    }
    command.add(spec.image());
    if (hookDir.isPresent()) {
      command.addAll(List.of(spec.shell(), HOOK + "/main.sh"));
    }
    command.addAll(spec.args());
    return command;
  }

  private static String volume(Path hostDir, String path) {
    String host = hostDir.toAbsolutePath().normalize().toString();
    if (host.contains(":") || path.contains(":")) {
      throw new IllegalArgumentException(
          "cannot mount " + host + " at " + path + ": container engines do not allow ':' there");
    }
    return host + ":" + path;
  }

  private static String normalized(String path) {
    return path.isEmpty() ? path : Path.of(path).normalize().toString();
  }
}
