package dev.kubeherd.kube.store;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.BuildSecrets;
import dev.kubeherd.kube.brigade.JobSecrets;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Job records on v1 job Secrets: {@link #save} upserts (creates the Secret when the job executor
 * has not, else merge-patches only our annotations, so data the executor stored is kept); {@link
 * #list} selects {@code component=job,build=<id>}.
 */
final class JobRecordSecrets {
  private static final Logger LOG = LoggerFactory.getLogger(JobRecordSecrets.class);
  private static final Comparator<JobRecord> BY_START =
      Comparator.comparing(
              (JobRecord j) -> j.startedAt().orElse(null),
              Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(JobRecord::name);

  private final KubernetesClient client;
  private final String namespace;
  private final KubeRetry retry;

  JobRecordSecrets(KubernetesClient client, String namespace, KubeRetry retry) {
    this.client = client;
    this.namespace = namespace;
    this.retry = retry;
  }

  void save(JobRecord job, Secret buildSecret) {
    String name = JobSecrets.name(job);
    retry.call(
        "save the record of job " + name,
        () -> {
          if (patchAnnotations(job, name)) {
            return null;
          }
          try {
            client.secrets().inNamespace(namespace).resource(newSecret(job, buildSecret)).create();
          } catch (KubernetesClientException e) {
            if (!KubeRetry.isConflict(e) || !patchAnnotations(job, name)) {
              throw e; // created meanwhile by the executor: patched it instead
            }
          }
          return null;
        });
  }

  List<JobRecord> list(String buildId) {
    List<Secret> secrets =
        retry.call(
            "list the job Secrets of build " + buildId,
            () ->
                client
                    .secrets()
                    .inNamespace(namespace)
                    .withLabel(BrigadeLabels.COMPONENT, BrigadeLabels.COMPONENT_JOB)
                    .withLabel(BrigadeLabels.BUILD, buildId)
                    .list()
                    .getItems());
    List<JobRecord> records = new ArrayList<>();
    for (Secret s : secrets) {
      if (!JobSecrets.isJob(s)) {
        continue;
      }
      try {
        records.add(JobSecrets.decode(s));
      } catch (IllegalArgumentException e) {
        LOG.warn(
            "Skipping the record on job Secret {}: {}. Fix or delete the annotation",
            s.getMetadata().getName(),
            e.getMessage());
      }
    }
    records.sort(BY_START);
    return records;
  }

  /** Merge-patches the record annotations; false when the Secret does not exist. */
  private boolean patchAnnotations(JobRecord job, String name) {
    String patch =
        Json.MAPPER.writeValueAsString(
            Map.of("metadata", Map.of("annotations", JobSecrets.annotations(job))));
    try {
      client
          .secrets()
          .inNamespace(namespace)
          .withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      return true;
    } catch (KubernetesClientException e) {
      if (KubeRetry.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  private Secret newSecret(JobRecord job, Secret buildSecret) {
    Map<String, String> labels = BuildSecrets.labels(buildSecret);
    String projectId = labels.getOrDefault(BrigadeLabels.PROJECT, "");
    return JobSecrets.newSecret(job, projectId, buildSecret.getMetadata().getName(), namespace);
  }
}
