package dev.kubeherd.worker;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs brigade.js scripts through the real local stack (directory stores under a temp {@code
 * KUBEHERD_HOME}, process job executor, in-thread worker) and exposes what a user would see.
 */
final class WorkerHarness {
  static final String PROJECT = "kubeherd/test-project";
  final LocalHome home;
  final DirectoryProjectStore projects;
  final DirectoryBuildStore builds;
  final DirectoryLogStore logs;
  BuildWorker worker;
  private final Map<String, String> projectData = new HashMap<>();

  WorkerHarness(Path dir) {
    home = new LocalHome(dir);
    projects = new DirectoryProjectStore(home);
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    logs = new DirectoryLogStore(home);
    worker =
        new BuildWorker(
            projects,
            builds,
            logs,
            new ProcessJobExecutor(dir.resolve("jobs")),
            new LocalWorkspaces(home),
            Clock.systemUTC());
  }

  /** This harness, its worker recording into {@code metrics}. */
  WorkerHarness metered(WorkerMetrics metrics) {
    worker = worker.withMetrics(metrics);
    return this;
  }

  WorkerHarness with(String key, String value) {
    projectData.put(key, value);
    return this;
  }

  Run run(String script) {
    return run(script, "exec");
  }

  Run run(String script, String event) {
    return run(BuildRequest.of(projectId(), event, "brigade-cli").withScript(script));
  }

  Run runAt(String event, Revision revision) {
    return run(BuildRequest.of(projectId(), event, "brigade-cli").withRevision(revision));
  }

  Run run(BuildRequest request) {
    saveProject();
    Build build = builds.create(request);
    builds.claim(build.id(), "test");
    BuildStatus status = worker.run(builds.find(build.id()).orElseThrow());
    return new Run(
        build.id(), status, logs.read(build.id(), LogStore.WORKER), builds.jobs(build.id()));
  }

  String projectId() {
    return ProjectIds.fromName(PROJECT);
  }

  private void saveProject() {
    Project p = new Project(projectId(), PROJECT, "", projectData);
    if (projects.find(p.id()).isPresent()) {
      projects.replace(p);
    } else {
      projects.create(p);
    }
  }

  String jobLog(Run run, String pod) {
    return logs.read(run.buildId(), pod);
  }

  record Run(String buildId, BuildStatus status, String log, List<JobRecord> jobs) {
    boolean succeeded() {
      return status.phase() == dev.kubeherd.core.model.BuildPhase.SUCCEEDED;
    }

    String pod(String job) {
      return job + "-" + buildId;
    }
  }
}
