package dev.kubeherd.toolkit.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A docker-compatible engine driven through its command-line client ({@code docker} or {@code
 * podman}): every call is one client process with an argument list from {@link EngineCommands} and
 * the environment given here, which the caller builds without secrets ({@link EngineEnvironment}).
 * Engine settings in that environment ({@code DOCKER_HOST}, {@code CONTAINERS_CONF}, …) apply.
 */
public final class CliEngine implements Images, Containers {
  private final EngineProcess process;

  /** The default of {@code --engine-timeout}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /**
   * @param binary the client executable
   * @param env the client's whole environment
   * @param timeout how long one client command may take ({@code --engine-timeout})
   */
  public CliEngine(Path binary, Map<String, String> env, Duration timeout) {
    this.process = new EngineProcess(binary, env, timeout);
  }

  /** The client executable. */
  public Path binary() {
    return process.binary();
  }

  @Override
  public Optional<ImageInfo> inspect(String image) {
    EngineProcess.Outcome out = process.capture(EngineCommands.inspectImage(image));
    if (!out.ok()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ImageInfo.parse(out.stdout()));
    } catch (IllegalArgumentException e) {
      throw new ImageBuildException("cannot read image " + image + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean pull(String image) {
    return process.capture(EngineCommands.pull(image)).ok();
  }

  @Override
  public void build(Path dockerfile, Path context, String image, Consumer<String> output) {
    EngineProcess.Outcome out =
        process.stream(EngineCommands.build(dockerfile, context, image), output);
    if (!out.ok()) {
      throw new StepFailedException(
          "building "
              + image
              + " from "
              + dockerfile
              + " failed (exit code "
              + out.exitCode()
              + ")",
          out.tail());
    }
  }

  @Override
  public void tag(String source, String target) {
    check(
        process.capture(EngineCommands.tag(source, target)), "tagging " + source + " as " + target);
  }

  @Override
  public void remove(String image) {
    process.capture(EngineCommands.removeImage(image));
  }

  @Override
  public void push(String image) {
    check(process.capture(EngineCommands.push(image)), "pushing " + image);
  }

  @Override
  public void create(ContainerSpec spec) {
    check(
        process.capture(EngineCommands.create(spec)), "creating a container from " + spec.image());
  }

  @Override
  public void copyIn(String container, Path source, String target) {
    check(
        process.capture(
            EngineCommands.copyIn(container, source, Files.isDirectory(source), target)),
        "copying " + source + " into " + container + ":" + target);
  }

  @Override
  public void copyTarIn(String container, Path tar, String target) {
    check(
        process.streamFrom(EngineCommands.copyTarIn(container, target), tar),
        "unpacking " + tar + " into " + container + ":" + target);
  }

  @Override
  public void copyOut(String container, String source, Path target) {
    check(
        process.capture(EngineCommands.copyOut(container, source, target)),
        "copying " + container + ":" + source + " out");
  }

  @Override
  public int run(String container, Consumer<String> output) {
    return process.stream(EngineCommands.startAttached(container), output).exitCode();
  }

  @Override
  public int run(String container, Path stdout, Consumer<String> stderr) {
    return process.streamTo(EngineCommands.startAttached(container), stdout, stderr).exitCode();
  }

  @Override
  public List<String> diff(String container) {
    EngineProcess.Outcome out = process.capture(EngineCommands.diff(container));
    check(out, "listing the changes of " + container);
    return out.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  @Override
  public void export(String container, StreamReader reader) {
    check(
        process.read(EngineCommands.export(container), reader),
        "exporting the file system of " + container);
  }

  @Override
  public void commit(String container, String image, Map<String, String> labels, List<String> cmd) {
    check(
        process.capture(EngineCommands.commit(container, image, labels, cmd)),
        "committing " + container + " as " + image);
  }

  @Override
  public void discard(String container) {
    process.capture(EngineCommands.removeContainer(container));
  }

  private void check(EngineProcess.Outcome out, String what) {
    if (!out.ok()) {
      throw new ImageBuildException(
          what
              + " failed ("
              + process.binary().getFileName()
              + " exit code "
              + out.exitCode()
              + ")"
              + (out.tail().isEmpty() ? "" : ": " + String.join("\n", out.tail())));
    }
  }
}
