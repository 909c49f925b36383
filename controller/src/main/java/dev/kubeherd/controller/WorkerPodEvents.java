package dev.kubeherd.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Turns worker pod informer events into the two facts the build loop cares about: a worker pod
 * ended (with its outcome), or one was deleted. Runs on the informer's thread, so the consumers
 * must only hand the work on.
 */
final class WorkerPodEvents implements ResourceEventHandler<Pod> {
  private final BiConsumer<String, WorkerPodOutcome> ended;
  private final BiConsumer<String, String> gone;

  /**
   * @param ended build ID and how its worker pod ended
   * @param gone build ID and the deleted pod's name
   */
  WorkerPodEvents(BiConsumer<String, WorkerPodOutcome> ended, BiConsumer<String, String> gone) {
    this.ended = ended;
    this.gone = gone;
  }

  @Override
  public void onAdd(Pod pod) {
    ended(pod);
  }

  @Override
  public void onUpdate(Pod before, Pod pod) {
    ended(pod);
  }

  @Override
  public void onDelete(Pod pod, boolean finalStateUnknown) {
    WorkerPodOutcome.buildId(pod).ifPresent(id -> gone.accept(id, pod.getMetadata().getName()));
  }

  private void ended(Pod pod) {
    Optional<String> id = WorkerPodOutcome.buildId(pod);
    Optional<WorkerPodOutcome> outcome = WorkerPodOutcome.of(pod);
    if (id.isPresent() && outcome.isPresent()) {
      ended.accept(id.get(), outcome.get());
    }
  }
}
