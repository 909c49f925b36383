package dev.kubeherd.toolkit.image;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A build container to create: its name, the image it starts from, the command it runs and what is
 * mounted. Secrets appear here only as mounts of host paths, never as values.
 */
public record ContainerSpec(String name, String image, List<String> command, List<Mount> mounts) {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

  public ContainerSpec {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a container name: " + name);
    }
    command = List.copyOf(command);
    mounts = List.copyOf(mounts);
  }
}
