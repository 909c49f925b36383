package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pod of an ended build (cancelled, failed by a verdict) that has not started (Pending:
 * pulling its image, unschedulable, cloning) is deleted, so it does not run the build later. A
 * running worker sees the end itself and stops its jobs.
 */
final class UnstartedWorkerPods {
  private static final Logger LOG = LoggerFactory.getLogger(UnstartedWorkerPods.class);

  private final WorkerPods pods;

  UnstartedWorkerPods(WorkerPods pods) {
    this.pods = pods;
  }

  /** Deletes the ended build's worker pod if it has not started (read from the informer cache). */
  void deleteFor(Build build) {
    Optional<Pod> pod = pods.cached(build.workerName()); // no API call per ended build
    if (pod.isEmpty() || !notStarted(pod.get())) {
      return;
    }
    if (pods.deleteUnchanged(pod.get())) {
      LOG.info(
          "Build {} of project {} ended ({}) before its worker pod {} started; pod deleted",
          build.id(),
          build.projectId(),
          build.status().phase().display(),
          build.workerName());
    }
  }

  private static boolean notStarted(Pod pod) {
    return pod.getStatus() == null
        || pod.getStatus().getPhase() == null
        || "Pending".equals(pod.getStatus().getPhase());
  }
}
