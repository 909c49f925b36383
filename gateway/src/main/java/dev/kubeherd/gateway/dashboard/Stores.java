package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.OrphanedJobs;
import dev.kubeherd.core.port.ProjectStore;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The core ports the dashboard reads (local directories or Kubernetes objects alike), with {@code
 * orphanedJobs} to stop the jobs of a cancelled build whose local claimant is gone, and the lookups
 * its routes share; each lookup that finds nothing throws the API's 404, a malformed ID its 400.
 * Blocking: call from worker threads.
 */
public record Stores(
    ProjectStore projects, BuildStore builds, LogStore logs, OrphanedJobs orphanedJobs) {
  private static final String WORKER_PREFIX = Build.WORKER_PREFIX;

  /** Stores whose jobs cannot outlive their worker's process: a cancel stops none itself. */
  public Stores(ProjectStore projects, BuildStore builds, LogStore logs) {
    this(projects, builds, logs, OrphanedJobs.NONE);
  }

  /** Build IDs, job and pod names: Kubernetes object names and ULIDs fit. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  /** The build with this ID (or worker name {@code brigade-worker-<id>}). */
  Build build(String idOrWorker) {
    String id = checkedName("build ID", idOrWorker);
    String plain = id.startsWith(WORKER_PREFIX) ? id.substring(WORKER_PREFIX.length()) : id;
    return builds
        .find(plain)
        .orElseThrow(() -> ApiException.notFound("build \"" + plain + "\" not found"));
  }

  /** A job of {@code build} by job name or pod name, or by a log source of that name. */
  String jobSource(Build build, String job) {
    String name = checkedName("job name", job);
    Optional<JobRecord> record =
        builds.jobs(build.id()).stream()
            .filter(j -> j.podName().equals(name) || j.name().equals(name))
            .findFirst();
    if (record.isPresent()) {
      return record.get().podName();
    }
    if (!name.equals(LogStore.WORKER) && logs.sources(build.id()).contains(name)) {
      return name;
    }
    throw ApiException.notFound("build " + build.id() + " has no job \"" + name + "\"");
  }

  /** The job record of {@code pod}, if it has one yet. */
  Optional<JobRecord> job(String buildId, String pod) {
    return builds.jobs(buildId).stream().filter(j -> j.podName().equals(pod)).findFirst();
  }

  /** The project by name or ID. */
  Project project(String nameOrId) {
    return projects
        .find(nameOrId)
        .orElseThrow(() -> ApiException.notFound("project \"" + nameOrId + "\" not found"));
  }

  /** Project names by ID, for showing builds. */
  Map<String, String> projectNames() {
    return projects.list().stream()
        .collect(Collectors.toMap(Project::id, Project::name, (a, b) -> a));
  }

  /** The name of one project, or {@code ""} when it is gone. */
  String projectName(String projectId) {
    return projects.find(projectId).map(Project::name).orElse("");
  }

  static Function<String, String> names(Map<String, String> byId) {
    return id -> byId.getOrDefault(id, "");
  }

  private static String checkedName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw ApiException.badRequest(
          "not a valid " + what + ": letters, digits, '.', '_' and '-', at most 253 characters");
    }
    return value;
  }
}
