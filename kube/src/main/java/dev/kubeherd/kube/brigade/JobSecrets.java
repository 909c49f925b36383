package dev.kubeherd.kube.brigade;

import static dev.kubeherd.kube.brigade.KubeherdAnnotations.EXIT_CODE;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.FINISHED_AT;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.IMAGE;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.PHASE;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.STARTED_AT;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Job records ⇄ the {@code kubeherd.dev/*} annotations of a v1 job Secret ({@code <job>-<buildID>},
 * type {@code brigade.sh/job}, v1 job labels). Pure. A job Secret without our annotations (written
 * by a v1 worker) reads as phase {@code Unknown}: v1 kept job status only in the job pod.
 */
public final class JobSecrets {
  private JobSecrets() {}

  /** The job Secret (and job pod) name: the record's pod name, else {@code <job>-<buildID>}. */
  public static String name(JobRecord job) {
    return job.podName() == null || job.podName().isBlank()
        ? BrigadeNames.jobPodName(job.name(), job.buildId())
        : job.podName();
  }

  /** A job Secret holding only the record, for when the job executor has not made one yet. */
  public static Secret newSecret(
      JobRecord job, String projectId, String workerName, String namespace) {
    Map<String, String> annotations = new HashMap<>(annotations(job));
    annotations.values().removeIf(v -> v == null);
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name(job))
        .withNamespace(namespace)
        .withLabels(BrigadeLabels.jobLabels(job.name(), projectId, workerName, job.buildId()))
        .withAnnotations(annotations)
        .endMetadata()
        .withType(SecretTypes.JOB)
        .build();
  }

  /**
   * Every record annotation; absent values map to {@code null} so a JSON merge patch removes them.
   */
  public static Map<String, String> annotations(JobRecord job) {
    Map<String, String> out = new HashMap<>();
    out.put(PHASE, job.phase().display());
    out.put(IMAGE, job.image());
    out.put(STARTED_AT, job.startedAt().map(Instant::toString).orElse(null));
    out.put(FINISHED_AT, job.finishedAt().map(Instant::toString).orElse(null));
    out.put(EXIT_CODE, job.exitCode().map(String::valueOf).orElse(null));
    return out;
  }

  /**
   * The record a job Secret holds.
   *
   * @throws IllegalArgumentException saying which label or annotation is unreadable
   */
  public static JobRecord decode(Secret secret) {
    String secretName = secret.getMetadata().getName();
    Map<String, String> labels = BuildSecrets.labels(secret);
    Map<String, String> annotations = BuildSecrets.annotations(secret);
    String buildId = labels.getOrDefault(BrigadeLabels.BUILD, "");
    if (buildId.isBlank()) {
      throw new IllegalArgumentException("it has no label " + BrigadeLabels.BUILD);
    }
    String name = labels.getOrDefault(BrigadeLabels.JOBNAME, "");
    if (name.isBlank()) {
      String suffix = "-" + buildId;
      name =
          secretName.endsWith(suffix)
              ? secretName.substring(0, secretName.length() - suffix.length())
              : secretName;
    }
    String phase = annotations.get(PHASE);
    return new JobRecord(
        buildId,
        name,
        secretName,
        annotations.getOrDefault(IMAGE, ""),
        phase == null ? BuildPhase.UNKNOWN : StatusAnnotations.parsePhase(phase),
        StatusAnnotations.instant(annotations, STARTED_AT),
        StatusAnnotations.instant(annotations, FINISHED_AT),
        StatusAnnotations.exitCode(annotations));
  }

  /** Whether the Secret is a job Secret (v1 type). */
  public static boolean isJob(Secret secret) {
    return SecretTypes.JOB.equals(secret.getType());
  }
}
