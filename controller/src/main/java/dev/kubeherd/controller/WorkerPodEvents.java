package dev.kubeherd.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Turns worker pod informer events into the three facts the build loop cares about: a worker pod
 * ended (with its outcome), one was deleted, or one that has not ended changed (it may have become
 * stuck, or started running). Runs on the informer's thread, so the consumers must only hand the
 * work on.
 */
final class WorkerPodEvents implements ResourceEventHandler<Pod> {
  private final BiConsumer<String, WorkerPodOutcome> ended;
  private final BiConsumer<String, String> gone;
  private final BiConsumer<String, Pod> changed;

  /**
   * @param ended build ID and how its worker pod ended
   * @param gone build ID and the deleted pod's name
   * @param changed build ID and the worker pod that was added or changed and has not ended
   */
  WorkerPodEvents(
      BiConsumer<String, WorkerPodOutcome> ended,
      BiConsumer<String, String> gone,
      BiConsumer<String, Pod> changed) {
    this.ended = ended;
    this.gone = gone;
    this.changed = changed;
  }

  @Override
  public void onAdd(Pod pod) {
    report(pod);
  }

  @Override
  public void onUpdate(Pod before, Pod pod) {
    report(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    WorkerPodOutcome.buildId(pod).ifPresent(id -> gone.accept(id, pod.getMetadata().getName()));
  }

  private void report(Pod pod) {
    Optional<String> id = WorkerPodOutcome.buildId(pod);
    Optional<WorkerPodOutcome> outcome = WorkerPodOutcome.of(pod);
    if (id.isPresent() && outcome.isPresent()) {
      ended.accept(id.get(), outcome.get());
    } else {
      id.ifPresent(buildId -> changed.accept(buildId, pod));
    }
  }
}
