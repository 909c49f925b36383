package dev.kubeherd.toolkit.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The argument lists of the docker-compatible engine commands a build runs (without the engine
 * binary). Pure, so tests can check them: nothing here ever receives a secret value, only the host
 * paths of mounted secret directories.
 */
public final class EngineCommands {
  private EngineCommands() {}

  public static List<String> inspectImage(String image) {
    return List.of("image", "inspect", image);
  }

  public static List<String> pull(String image) {
    return List.of("pull", "-q", image);
  }

  public static List<String> build(Path dockerfile, Path context, String image) {
    return List.of(
        "build",
        "-f",
        dockerfile.toAbsolutePath().toString(),
        "-t",
        image,
        context.toAbsolutePath().toString());
  }

  public static List<String> tag(String source, String target) {
    return List.of("tag", source, target);
  }

  public static List<String> removeImage(String image) {
    return List.of("rmi", image);
  }

  public static List<String> push(String image) {
    return List.of("push", image);
  }

  /** {@code create --name N [--mount …]… IMAGE COMMAND…}. */
  public static List<String> create(ContainerSpec spec) {
    List<String> args = new ArrayList<>(List.of("create", "--name", spec.name()));
    for (Mount m : spec.mounts()) {
      args.add("--mount");
      args.add(m.argument());
    }
    args.add(spec.image());
    args.addAll(spec.command());
    return args;
  }

  /** Copies a host directory's contents (or a file) into the container at {@code target}. */
  public static List<String> copyIn(
      String container, Path source, boolean directory, String target) {
    String from = source.toAbsolutePath().toString() + (directory ? "/." : "");
    return List.of("cp", from, container + ":" + target);
  }

  /** Unpacks a tar read from standard input into the container's {@code target} directory. */
  public static List<String> copyTarIn(String container, String target) {
    return List.of("cp", "-", container + ":" + target);
  }

  public static List<String> copyOut(String container, String source, Path target) {
    return List.of("cp", container + ":" + source, target.toAbsolutePath().toString());
  }

  /** Starts a created container attached to its output; the engine exits with its exit code. */
  public static List<String> startAttached(String container) {
    return List.of("start", "-a", container);
  }

  public static List<String> diff(String container) {
    return List.of("diff", container);
  }

  /** Writes the container's file system as a tar to standard output. */
  public static List<String> export(String container) {
    return List.of("export", container);
  }

  /** {@code commit -c 'LABEL k="v"'… [-c 'CMD ["…"]'] CONTAINER IMAGE}. */
  public static List<String> commit(
      String container, String image, Map<String, String> labels, List<String> cmd) {
    List<String> args = new ArrayList<>(List.of("commit"));
    labels.forEach(
        (k, v) -> {
          args.add("-c");
          args.add("LABEL " + k + "=" + quoted(v));
        });
    if (!cmd.isEmpty()) {
      args.add("-c");
      args.add("CMD [" + String.join(",", cmd.stream().map(EngineCommands::quoted).toList()) + "]");
    }
    args.add(container);
    args.add(image);
    return args;
  }

  public static List<String> removeContainer(String container) {
    return List.of("rm", "-f", container);
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
