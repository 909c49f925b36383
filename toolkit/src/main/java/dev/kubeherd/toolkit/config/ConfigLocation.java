package dev.kubeherd.toolkit.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@code kubeherd.yaml} applies: {@code --config FILE}, else {@code $KUBEHERD_CONFIG}, else
 * {@code ./kubeherd.yaml} when it exists, else none. A file named by the flag or the variable must
 * exist.
 */
public final class ConfigLocation {
  public static final String ENV = "KUBEHERD_CONFIG";
  public static final String FILE_NAME = "kubeherd.yaml";

  private ConfigLocation() {}

  /**
   * @param flag the value of {@code --config}, if given
   * @param env the process environment
   * @param cwd the working directory (relative names resolve against it)
   * @throws InvalidToolkitConfigException when a named file does not exist
   */
  public static Optional<Path> resolve(Optional<String> flag, Map<String, String> env, Path cwd) {
    if (flag.isPresent() && !flag.get().isBlank()) {
      return Optional.of(existing(cwd.resolve(flag.get()), "--config"));
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(existing(cwd.resolve(fromEnv), ENV));
    }
    Path local = cwd.resolve(FILE_NAME);
    return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
  }

  private static Path existing(Path file, String from) {
    if (!Files.isRegularFile(file)) {
      throw InvalidToolkitConfigException.inFile(
          "config file " + file + " (from " + from + ") does not exist; create it or fix " + from);
    }
    return file;
  }
}
