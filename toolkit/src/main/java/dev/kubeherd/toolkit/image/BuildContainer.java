package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.tools.ShutdownCleanup;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One container of a build step: created from an image, given its inputs, run to the end, checked,
 * maybe committed, and always removed on {@link #close()} (also when the step failed), so a build
 * leaves no container behind.
 */
final class BuildContainer implements AutoCloseable {
  static final int TAIL_LINES = 30;

  private final Containers engine;
  private final String name;
  private final String image;
  private final ShutdownCleanup.Registration onStop;

  private BuildContainer(
      Containers engine, String name, String image, ShutdownCleanup.Registration onStop) {
    this.engine = engine;
    this.name = name;
    this.image = image;
    this.onStop = onStop;
  }

  /**
   * Creates the container; if creating fails half-way, whatever was made is removed. It is removed
   * as well when kubeherd is stopped while it exists ({@link ShutdownCleanup}).
   */
  static BuildContainer create(Containers engine, ContainerSpec spec) {
    ShutdownCleanup.Registration onStop =
        ShutdownCleanup.register("container " + spec.name(), () -> engine.discard(spec.name()));
    BuildContainer c = new BuildContainer(engine, spec.name(), spec.image(), onStop);
    try {
      engine.create(spec);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  String name() {
    return name;
  }

  void copyIn(Path source, String target) {
    engine.copyIn(name, source, target);
  }

  void copyTarIn(Path tar, String target) {
    engine.copyTarIn(name, tar, target);
  }

  void copyOut(String source, Path target) {
    engine.copyOut(name, source, target);
  }

  /**
   * Runs the container, each output line to {@code output}.
   *
   * @throws StepFailedException naming {@code step} with its last output lines on a non-zero exit
   */
  void run(String step, Consumer<String> output) {
    Deque<String> tail = new ArrayDeque<>();
    int exit =
        engine.run(
            name,
            line -> {
              output.accept(line);
              keep(tail, line);
            });
    failOnExit(step, exit, tail);
  }

  /** Runs the container with its stdout into {@code stdout} (a tar stream, say). */
  void runTo(String step, Path stdout, Consumer<String> stderr) {
    Deque<String> tail = new ArrayDeque<>();
    int exit =
        engine.run(
            name,
            stdout,
            line -> {
              stderr.accept(line);
              keep(tail, line);
            });
    failOnExit(step, exit, tail);
  }

  /**
   * Fails when the container's changes hold anything below a secret mount point: a mounted secret
   * must never be part of the committed layer (the empty mount point itself may be).
   */
  void checkNothingUnder(List<String> secretTargets) {
    if (secretTargets.isEmpty()) {
      return;
    }
    for (String line : engine.diff(name)) {
      String path = line.length() > 2 ? line.substring(2).strip() : line;
      for (String target : secretTargets) {
        if (path.startsWith(target + "/") && !line.startsWith("D")) {
          throw new StepFailedException(
              "assemble left "
                  + path
                  + " in the container, below the secret mount "
                  + target
                  + "; refusing to commit it",
              List.of());
        }
      }
    }
  }

  /**
   * Fails when the container's changes hold a path through a directory named {@code secretsDir}:
   * the run's secrets directory (a unique name) was copied into the container, with the context
   * say.
   */
  void checkNoCopyOf(String secretsDir) {
    for (String line : engine.diff(name)) {
      String path = line.length() > 2 ? line.substring(2).strip() : line;
      if (!line.startsWith("D") && List.of(path.split("/")).contains(secretsDir)) {
        throw new StepFailedException(
            "the builder container holds "
                + path
                + ", a copy of the build's secrets directory; refusing to commit it (is --work-dir"
                + " inside the context?)",
            List.of());
      }
    }
  }

  /**
   * Fails when a path the container added or changed holds one of {@code secrets}' values (in its
   * content, its name or a link's target): the step copied a secret into its own files ({@link
   * LayerScan} on the engine's diff and export). Values too short to mean anything are not looked
   * for ({@link SecretMatcher#MIN_BYTES}). Only names reach {@code detail} and the message.
   *
   * @param image what the container would be committed as
   * @param mounts where the secrets are mounted, for the message's advice
   * @throws SecretInLayerException naming the paths and the secrets found
   */
  void checkNoSecretValues(
      String step,
      String image,
      List<SecretValue> secrets,
      List<String> mounts,
      Consumer<String> detail) {
    SecretMatcher matcher = new SecretMatcher(secrets);
    matcher
        .ignored()
        .forEach(
            n ->
                detail.accept(
                    "not looking for " + n + ": under " + SecretMatcher.MIN_BYTES + " bytes"));
    if (matcher.isEmpty()) {
      return;
    }
    LayerScan scan = new LayerScan(engine.diff(name), matcher);
    engine.export(name, scan::read);
    if (scan.changedInDiff() > 0 && scan.entriesScanned() == 0) {
      throw new ImageBuildException(
          "the export of "
              + name
              + " holds none of the "
              + scan.changedInDiff()
              + " paths its diff lists, so it cannot be checked for secrets; refusing to commit"
              + " it (is the engine a docker-compatible one?)");
    }
    if (!scan.findings().isEmpty()) {
      throw new SecretInLayerException(step, image, scan.findings(), mounts);
    }
    detail.accept(
        "no secret value in the "
            + scan.entriesScanned()
            + " changed paths (looked for "
            + String.join(", ", matcher.names())
            + ")");
  }

  void commit(String target, Map<String, String> labels, List<String> cmd) {
    engine.commit(name, target, labels, cmd);
  }

  @Override
  public void close() {
    onStop.close();
    engine.discard(name);
  }

  @Override
  public String toString() {
    return name + " (from " + image + ")";
  }

  private static void keep(Deque<String> tail, String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }

  private void failOnExit(String step, int exit, Deque<String> tail) {
    if (exit != 0) {
      throw new StepFailedException(
          step + " failed with exit code " + exit + " in a container of " + image,
          List.copyOf(tail));
    }
  }
}
