package dev.kubeherd.bench;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.local.exec.JobWorkDirs;
import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.local.exec.WorkDir;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.worker.InProcessWorkerLauncher;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

/**
 * The local stack as {@code brig --local run} wires it: directory stores under a {@code
 * KUBEHERD_HOME}, {@link ProcessJobExecutor} (wrapped in a {@link JobProbe}), {@link BuildWorker}
 * and {@link InProcessWorkerLauncher}. The project has no clone URL, so builds have no checkout and
 * jobs get no mounts (the executor's fast path).
 */
final class LocalStack {
  static final String PROJECT = "kubeherd/bench";
  static final String PRELUDE = "const { events, Job, Group } = require(\"brigadier\");\n";

  private final Path home;
  private final BuildStore builds;
  private final JobProbe probe;
  private final InProcessWorkerLauncher launcher;
  private final String projectId = ProjectIds.fromName(PROJECT);
  private final String workerName = "bench-" + ProcessHandle.current().pid();

  /**
   * @param timed when non-null, the stores are wrapped so that it adds up time per store call
   * @param maxConcurrentJobs the executor's cap, or 0 for its default
   */
  LocalStack(Path home, TimedPorts timed, int maxConcurrentJobs) {
    this.home = home;
    LocalHome local = new LocalHome(home);
    Clock clock = Clock.systemUTC();
    DirectoryProjectStore projects = new DirectoryProjectStore(local);
    BuildStore b = new DirectoryBuildStore(local, clock);
    if (System.getProperty("kubeherd.bench.whatIf", "").contains("memoJobs")) {
      b = new MemoJobRecords(b);
    }
    LogStore logs = new DirectoryLogStore(local);
    if (timed != null) {
      b = timed.builds(b);
      logs = timed.logs(logs);
    }
    this.builds = b;
    WorkDir work = JobWorkDirs.preferred(System.getenv(), home.resolve("exec")); // as brig does
    JobExecutor exec =
        maxConcurrentJobs > 0
            ? new ProcessJobExecutor(work, maxConcurrentJobs)
            : new ProcessJobExecutor(work);
    this.probe = new JobProbe(exec);
    if (projects.find(projectId).isEmpty()) {
      projects.create(new Project(projectId, PROJECT, "", Map.of()));
    }
    BuildWorker worker =
        new BuildWorker(projects, builds, logs, probe, new LocalWorkspaces(local), clock);
    this.launcher = new InProcessWorkerLauncher(worker);
  }

  /**
   * A stack in a fresh temp home (under {@code -Dkubeherd.bench.tmp}, e.g. {@code /dev/shm}, else
   * {@code java.io.tmpdir}); the executor cap from {@code -Dkubeherd.bench.maxJobs}.
   */
  static LocalStack inTempHome(TimedPorts timed) {
    try {
      String base = System.getProperty("kubeherd.bench.tmp", System.getProperty("java.io.tmpdir"));
      Path home = Files.createTempDirectory(Path.of(base), "kubeherd-bench-");
      return new LocalStack(home, timed, Integer.getInteger("kubeherd.bench.maxJobs", 0));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores the build for an {@code exec} event with {@code script} and claims it. */
  Build createAndClaim(String script) {
    Build build =
        builds.create(BuildRequest.of(projectId, "exec", "bench").withScript(PRELUDE + script));
    if (!builds.claim(build.id(), workerName)) {
      throw new IllegalStateException("could not claim " + build.id());
    }
    return build;
  }

  CompletionStage<BuildStatus> launch(Build build) {
    return launcher.launch(build);
  }

  /** Waits for a build and fails loudly unless it succeeded (a failing benchmark is no result). */
  static BuildStatus awaitSuccess(Build build, CompletionStage<BuildStatus> done) {
    BuildStatus status = done.toCompletableFuture().join();
    if (status.phase() != BuildPhase.SUCCEEDED) {
      throw new IllegalStateException(
          "build " + build.id() + " ended " + status.phase() + ": " + status.message());
    }
    return status;
  }

  JobProbe probe() {
    return probe;
  }

  Path home() {
    return home;
  }

  /** Removes a build's files so a long run does not fill the disk or slow directory listings. */
  void discard(Build build) {
    probe.forget(build.id());
    builds.delete(build.id());
  }

  void deleteHome() {
    deleteTree(home);
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("warning: could not remove " + root + ": " + e);
    }
  }
}
