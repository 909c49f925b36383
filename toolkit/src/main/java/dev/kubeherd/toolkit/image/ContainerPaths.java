package dev.kubeherd.toolkit.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a build puts things in its containers (the s2i layout). */
final class ContainerPaths {
  /** The source (the context's contents). */
  static final String SRC = "/tmp/src";

  /** The stage's s2i scripts. */
  static final String SCRIPTS = "/tmp/scripts";

  /** Incremental builds: what {@code save-artifacts} of the previous image streamed out. */
  static final String ARTIFACTS = "/tmp/artifacts";

  private ContainerPaths() {}

  static List<String> script(String name) {
    return List.of(SCRIPTS + "/" + name);
  }

  /** {@code CMD ["/tmp/scripts/run"]} when the scripts directory has a {@code run}, else none. */
  static List<String> runCommand(Path scriptsDir) {
    return Files.isRegularFile(scriptsDir.resolve(BuildInputs.RUN))
        ? script(BuildInputs.RUN)
        : List.of();
  }

  /** {@code dir/name} in the container, for a directory that may be {@code /}. */
  static String under(String dir, String name) {
    return (dir.endsWith("/") ? dir : dir + "/") + name;
  }
}
