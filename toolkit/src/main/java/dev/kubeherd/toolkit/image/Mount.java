package dev.kubeherd.toolkit.image;

import java.nio.file.Path;

/**
 * A host directory bind-mounted into a build container. Mounted content is never part of the
 * container's own file system, so a commit never captures it: this is how secrets reach {@code
 * assemble}.
 *
 * @param source the host directory (absolute)
 * @param target the path in the container (absolute)
 * @param readOnly mounted read-only
 */
public record Mount(Path source, String target, boolean readOnly) {
  public Mount {
    source = source.toAbsolutePath().normalize();
    String s = source.toString();
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      throw new IllegalArgumentException(
          "cannot mount " + s + ": the path holds a comma, quote or line break");
    }
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException("a container path must be absolute: " + target);
    }
  }

  /** A read-only bind mount. */
  public static Mount readOnly(Path source, String target) {
    return new Mount(source, target, true);
  }

  /** The engine's {@code --mount} value. */
  String argument() {
    return "type=bind,source=" + source + ",target=" + target + (readOnly ? ",readonly" : "");
  }
}
