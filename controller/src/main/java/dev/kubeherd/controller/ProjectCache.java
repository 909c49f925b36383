package dev.kubeherd.controller;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.ProjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Project lookups for the dispatch loop: a found project is kept for a short time, so a burst of
 * builds of one project costs one read, not one per build and step. Missing projects are never
 * cached (the project may be created right after its first build).
 */
final class ProjectCache {
  static final Duration TTL = Duration.ofSeconds(5);

  private final ProjectStore projects;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  ProjectCache(ProjectStore projects, Clock clock) {
    this.projects = projects;
    this.clock = clock;
  }

  Optional<Project> find(String id) {
    Instant now = clock.instant();
    Entry e = entries.get(id);
    if (e != null && now.isBefore(e.until())) {
      return Optional.of(e.project());
    }
    Optional<Project> found = projects.find(id);
    found.ifPresentOrElse(
        p -> entries.put(id, new Entry(p, now.plus(TTL))), () -> entries.remove(id));
    return found;
  }

  private record Entry(Project project, Instant until) {}
}
