package dev.kubeherd.core.port;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored project or build that cannot be read.
 *
 * @param id the project or build ID it is stored under
 * @param location the file or directory to remove to get rid of it by hand
 * @param problem what cannot be read and why, and what to do about it
 * @param projectId the project of a build, when that much of it can still be read
 */
public record UnreadableEntry(
    String id, Path location, String problem, Optional<String> projectId) {
  public UnreadableEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(projectId, "projectId");
  }
}
