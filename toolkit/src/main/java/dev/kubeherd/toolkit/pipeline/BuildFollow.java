package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows a build to its end: prints the worker log as it grows, gives up when no controller picks
 * the build up within the start timeout, and answers the exit code of one of its jobs.
 */
public final class BuildFollow {
  private final BuildStore builds;
  private final LogStore logs;
  private final Duration poll;
  private final PrintWriter out;

  public BuildFollow(BuildStore builds, LogStore logs, Duration poll, PrintWriter out) {
    this.builds = builds;
    this.logs = logs;
    this.poll = poll;
    this.out = out;
  }

  /**
   * Waits for the build to end and returns it.
   *
   * @throws PipelineMissingException (exit 3) when it stays Pending longer than {@code
   *     startTimeout}
   * @throws KubeApiException (exit 3) when the Kubernetes API refuses or fails a read
   */
  public Build await(String buildId, Duration startTimeout) throws InterruptedException {
    Instant startBy = Instant.now().plus(startTimeout);
    int printed = 0;
    while (true) {
      Build build = current(buildId);
      printed = printNew(buildId, printed);
      if (build.status().phase().isTerminal()) {
        printNew(buildId, printed);
        return build;
      }
      if (build.status().phase() == BuildPhase.PENDING && Instant.now().isAfter(startBy)) {
        throw new PipelineMissingException(
            "build "
                + buildId
                + " was not started within "
                + startTimeout.toSeconds()
                + "s; is the engine running in this namespace ('brigadm status')? The build"
                + " stays queued");
      }
      Thread.sleep(poll.toMillis());
    }
  }

  /** The exit code of {@code job} in the ended build; else 0 for success and 1 for failure. */
  public int exitCode(Build build, String job) {
    Optional<Integer> code =
        KubeApiException.call(
                "reading the jobs of build " + build.id(), () -> builds.jobs(build.id()))
            .stream()
            .filter(j -> j.name().equals(job))
            .map(JobRecord::exitCode)
            .flatMap(Optional::stream)
            .findFirst();
    return code.orElse(build.status().phase() == BuildPhase.SUCCEEDED ? 0 : 1);
  }

  private int printNew(String buildId, int printed) {
    String log =
        KubeApiException.call(
            "following the log of build " + buildId, () -> logs.read(buildId, LogStore.WORKER));
    if (log.length() > printed) {
      out.print(log.substring(printed));
      out.flush();
      return log.length();
    }
    return printed;
  }

  private Build current(String buildId) {
    return KubeApiException.call("following build " + buildId, () -> builds.find(buildId))
        .orElseThrow(
            () -> new PipelineMissingException("build " + buildId + " was deleted while it ran"));
  }
}
