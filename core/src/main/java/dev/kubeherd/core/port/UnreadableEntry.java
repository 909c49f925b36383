package dev.kubeherd.core.port;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored project or build that cannot be read.
 *
 * @param id the project or build ID it is stored under
 * @param location where it is stored, to remove it by hand: a file or directory (local mode), or
 *     {@code Secret <namespace>/<name>}
 * @param problem what cannot be read and why, and what to do about it
 * @param projectId the project of a build, when that much of it can still be read
 */
public record UnreadableEntry(
    String id, String location, String problem, Optional<String> projectId) {
  public UnreadableEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(projectId, "projectId");
  }
}
