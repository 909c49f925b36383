package dev.kubeherd.cli.toolkit;

import dev.kubeherd.cli.CliException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Checks that packer can be run before an AMI build calls AWS: a missing packer is a missing tool
 * (exit 1), found before anything is looked up or built, not a packer failure (exit 4) after the
 * source image was resolved.
 */
final class PackerExecutable {
  private PackerExecutable() {}

  /**
   * @param packer {@code --packer}: a path, or a name looked up on {@code PATH}
   * @throws CliException saying how to install packer or point {@code --packer} at it
   */
  static void requireInstalled(String packer, Map<String, String> env) {
    if (packer.contains("/")) {
      if (!executable(Path.of(packer))) {
        throw missing(packer + " is not an executable file");
      }
      return;
    }
    String path = env.getOrDefault("PATH", System.getenv().getOrDefault("PATH", ""));
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && executable(Path.of(dir, packer))) {
        return;
      }
    }
    throw missing(packer + " was not found on PATH");
  }

  private static boolean executable(Path path) {
    return Files.isRegularFile(path) && Files.isExecutable(path);
  }

  private static CliException missing(String why) {
    return new CliException(
        "packer is not installed: "
            + why
            + "; install packer (HashiCorp's releases, or Debian's packer package), or point"
            + " --packer / KUBEHERD_PACKER at it. Nothing was looked up or built");
  }
}
