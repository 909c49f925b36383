package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a claimed build's worker pod was ever created, kept on its build Secret (annotation
 * {@value KubeherdAnnotations#WORKER_POD}, the pod's UID). A claimed build without a pod is then
 * either in the crash window between claim and create (no mark: create the pod) or had its pod
 * deleted while no controller watched (marked: fail it rather than run it a second time).
 *
 * <p>The mark is a JSON merge patch of that one annotation: it takes no resourceVersion lock and
 * leaves the status annotations alone (a concurrent status update just re-reads after its 409). It
 * is written once per build and process; a failure to write it is logged and tried again the next
 * time the build is reconciled. Builds not stored as Secrets (local stores) have no mark, and their
 * pods are re-created as before.
 */
final class WorkerPodMarks {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPodMarks.class);

  private final KubernetesClient client;
  private final String namespace;

  /** Builds whose mark this process wrote or found. */
  private final Set<String> marked = ConcurrentHashMap.newKeySet();

  WorkerPodMarks(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  /**
   * True when the build Secret says its worker pod was created: our mark, or label {@code
   * status=accepted} without a kubeherd status (a Brigade v1 controller accepted it, which it does
   * only after creating the pod).
   */
  boolean podWasCreated(Build build) {
    Secret secret = client.secrets().inNamespace(namespace).withName(build.workerName()).get();
    if (secret == null) {
      return false;
    }
    Map<String, String> annotations = orEmpty(secret.getMetadata().getAnnotations());
    if (annotations.containsKey(KubeherdAnnotations.WORKER_POD)) {
      return true;
    }
    return !annotations.containsKey(KubeherdAnnotations.PHASE)
        && BrigadeLabels.STATUS_ACCEPTED.equals(
            orEmpty(secret.getMetadata().getLabels()).get(BrigadeLabels.STATUS));
  }

  /** Marks the build's Secret with {@code pod}, unless this process did so already. */
  void record(Build build, Pod pod) {
    if (marked.contains(build.id())) {
      return;
    }
    String uid = pod.getMetadata().getUid() == null ? "" : pod.getMetadata().getUid();
    String patch =
        "{\"metadata\":{\"annotations\":{\""
            + KubeherdAnnotations.WORKER_POD
            + "\":\""
            + jsonEscape(uid)
            + "\"}}}";
    try {
      client
          .secrets()
          .inNamespace(namespace)
          .withName(build.workerName())
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      marked.add(build.id());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        marked.add(build.id()); // no build Secret (a local store) or deleted: nothing to mark
        return;
      }
      LOG.warn(
          "Build {}: could not record on Secret {} that its worker pod exists ({}); retrying at"
              + " the next reconcile",
          build.id(),
          build.workerName(),
          e.toString());
    }
  }

  /** The build has ended: its mark needs no more attention. */
  void forget(String buildId) {
    marked.remove(buildId);
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }
}
