package dev.kubeherd.toolkit.image;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Finds the container engine's client: the one asked for ({@code --engine}, {@code
 * KUBEHERD_CONTAINER_ENGINE}: a name on {@code PATH} or a path), else {@code docker} or {@code
 * podman} on {@code PATH}. With both installed, the first whose {@code info} answers wins (a {@code
 * docker} client without a reachable daemon loses to a working {@code podman}).
 */
public final class EngineLocator {
  /** The variable that names the engine when {@code --engine} does not. */
  public static final String ENV = "KUBEHERD_CONTAINER_ENGINE";

  static final List<String> CANDIDATES = List.of("docker", "podman");

  private final Map<String, String> env;
  private final Predicate<Path> answers;

  /**
   * @param env the environment whose {@code PATH} is searched
   * @param answers whether an engine client works ({@code info} succeeds)
   */
  EngineLocator(Map<String, String> env, Predicate<Path> answers) {
    this.env = env;
    this.answers = answers;
  }

  /** Probes candidates by running {@code <client> info} (at most 20 s each). */
  public static EngineLocator probing(Map<String, String> env) {
    return new EngineLocator(env, binary -> infoAnswers(binary, env));
  }

  /**
   * @param requested the engine asked for (name or path), if any
   * @throws ImageBuildException (exit code 1) naming docker and podman when none is found
   */
  public Path locate(Optional<String> requested) {
    if (requested.isPresent() && !requested.get().isBlank()) {
      String name = requested.get().strip();
      return find(name)
          .orElseThrow(
              () ->
                  new ImageBuildException(
                      "container engine "
                          + name
                          + " not found"
                          + (name.contains("/") ? "" : " on PATH (" + path() + ")")
                          + "; install docker or podman, or pass --engine with the client's path"));
    }
    List<Path> found = new ArrayList<>();
    for (String candidate : CANDIDATES) {
      find(candidate).ifPresent(found::add);
    }
    if (found.isEmpty()) {
      throw new ImageBuildException(
          "no container engine: neither docker nor podman is on PATH ("
              + path()
              + "); install one of them, or pass --engine PATH (or set "
              + ENV
              + ")");
    }
    if (found.size() == 1) {
      return found.getFirst();
    }
    return found.stream().filter(answers).findFirst().orElse(found.getFirst());
  }

  private Optional<Path> find(String name) {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    for (String dir : path().split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private String path() {
    return env.getOrDefault("PATH", "");
  }

  private static boolean infoAnswers(Path binary, Map<String, String> env) {
    ProcessBuilder pb =
        new ProcessBuilder(binary.toString(), "info")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().clear();
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
