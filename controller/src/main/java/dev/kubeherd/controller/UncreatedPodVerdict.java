package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A claimed build whose worker pod could not be created, however often it was tried (the back-off
 * gave up): it fails with the API server's last answer, unless it has ended, so it does not stay
 * Running with no pod, tried again at every resync and holding a slot each time.
 */
final class UncreatedPodVerdict {
  private static final Logger LOG = LoggerFactory.getLogger(UncreatedPodVerdict.class);

  private final BuildStore builds;
  private final WorkerPods pods;
  private final Clock clock;

  UncreatedPodVerdict(BuildStore builds, WorkerPods pods, Clock clock) {
    this.builds = builds;
    this.pods = pods;
    this.clock = clock;
  }

  /**
   * Fails the build after {@code attempts} creates, the last failing with {@code last}; API and
   * store errors propagate.
   *
   * @return true when this call failed the build; false when its pod exists after all (a create
   *     that timed out but went through) or the build had ended
   */
  boolean fail(Build build, int attempts, WorkerPodNotCreatedException last) {
    if (pods.getLive(build.workerName()).isPresent()) {
      return false;
    }
    String why =
        "worker pod "
            + build.workerName()
            + " could not be created ("
            + attempts
            + " attempts); the Kubernetes API server's last answer"
            + (last.code() > 0 ? " (HTTP " + last.code() + ")" : "")
            + ": "
            + last.reason()
            + "; fix what refused it (Pod Security admission, a LimitRange or ResourceQuota, the"
            + " controller's RBAC, the project's worker settings), then rerun the build with brig"
            + " rerun "
            + build.id();
    boolean failed = builds.failUnlessEnded(build.id(), 1, clock.instant(), why);
    if (failed) {
      LOG.warn("Build {} of project '{}' failed: {}", build.id(), build.projectId(), why);
    }
    return failed;
  }
}
