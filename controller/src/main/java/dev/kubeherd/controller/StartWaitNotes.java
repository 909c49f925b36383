package dev.kubeherd.controller;

import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import dev.kubeherd.kube.job.PodStates.StartFailure;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker pod's start wait noted on the pod ({@link KubeherdAnnotations#WORKER_START_WAIT}: {@code
 * <container>/<reason>/<since>}), so the start grace's deadline outlives the controller process
 * that first saw the wait. Writing the note is best effort: without it a controller that starts
 * later grants the wait the whole grace again, as before notes existed.
 */
final class StartWaitNotes {
  private static final Logger LOG = LoggerFactory.getLogger(StartWaitNotes.class);

  private final WorkerPods pods;

  StartWaitNotes(WorkerPods pods) {
    this.pods = pods;
  }

  /** The note saying that {@code f} has been waited for since {@code since}. */
  static String of(StartFailure f, Instant since) {
    return f.container() + "/" + f.reason() + "/" + since;
  }

  /** Since when the pod's note says {@code f} has waited; empty if it notes another wait. */
  static Optional<Instant> since(Pod pod, StartFailure f) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String note =
        annotations == null ? null : annotations.get(KubeherdAnnotations.WORKER_START_WAIT);
    if (note == null) {
      return Optional.empty();
    }
    String[] parts = note.split("/", 3);
    if (parts.length != 3 || !parts[0].equals(f.container()) || !parts[1].equals(f.reason())) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(parts[2]));
    } catch (DateTimeParseException e) {
      return Optional.empty(); // not ours to trust: time it from now
    }
  }

  /** Writes {@code note} on the build's worker pod; a failure is logged, not thrown. */
  void write(String buildId, Pod pod, String note) {
    String name = pod.getMetadata().getName();
    try {
      pods.annotate(name, KubeherdAnnotations.WORKER_START_WAIT, note);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Build {}: could not note on worker pod {} since when it waits ({}){}; a controller that"
              + " starts later times the wait from its own first look",
          buildId,
          name,
          e.toString(),
          e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
              ? "; the controller's Role needs the verb patch on pods (upgrade the chart)"
              : "");
    }
  }
}
