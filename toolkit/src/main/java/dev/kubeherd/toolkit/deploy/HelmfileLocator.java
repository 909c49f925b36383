package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Finds the helmfile of a directory: the first of {@link #NAMES} that exists ({@code helmfile.d} as
 * a directory, the others as files). An explicit {@code --file} is taken as is.
 */
public final class HelmfileLocator {
  /** Detection order: helmfile v1 names, then the legacy default and the extension-less name. */
  public static final List<String> NAMES =
      List.of("helmfile.yaml", "helmfile.yaml.gotmpl", "helmfile.d", "charts.yaml", "helmfile");

  private HelmfileLocator() {}

  /** The first helmfile of {@code dir} in {@link #NAMES} order, if any. */
  public static Optional<Path> detect(Path dir) {
    for (String name : NAMES) {
      Path candidate = dir.resolve(name);
      boolean found =
          name.endsWith(".d") ? Files.isDirectory(candidate) : Files.isRegularFile(candidate);
      if (found) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code explicit} when given (it must exist), else the detected helmfile of {@code dir}.
   *
   * @throws ToolkitException exit code 2, naming the directory and the names looked for
   */
  public static Path locate(Path dir, Optional<Path> explicit) {
    if (explicit.isPresent()) {
      Path file = dir.resolve(explicit.get());
      if (!Files.exists(file)) {
        throw new ToolkitException(
            ToolkitExitCodes.INPUT_MISSING, "helmfile " + file + " does not exist");
      }
      return file;
    }
    return detect(dir)
        .orElseThrow(
            () ->
                new ToolkitException(
                    ToolkitExitCodes.INPUT_MISSING,
                    "no helmfile in "
                        + dir
                        + ": looked for "
                        + String.join(", ", NAMES)
                        + "; pass --file or run in the directory holding it"));
  }
}
