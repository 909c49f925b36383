package dev.kubeherd.kube.brigade;

import java.util.Locale;

/** Object names of the Brigade v1 contract, derived from build IDs, job and project names. */
public final class BrigadeNames {
  public static final String WORKER_PREFIX = "brigade-worker-";

  private BrigadeNames() {}

  /** Build Secret and worker pod name for a build created by brig or a bundled gateway. */
  public static String workerName(String buildId) {
    return WORKER_PREFIX + buildId;
  }

  /** Job pod and job Secret name: {@code <job>-<buildID>}. */
  public static String jobPodName(String jobName, String buildId) {
    return jobName + "-" + buildId;
  }

  /** The build storage PVC: the worker ID lower-cased. */
  public static String buildPvcName(String workerName) {
    return workerName.toLowerCase(Locale.ROOT);
  }

  /**
   * The per-project, per-job cache PVC: project name with {@code .} and {@code /} turned into
   * {@code -}, then {@code -<job>}, lower-cased.
   */
  public static String cachePvcName(String projectName, String jobName) {
    String base = projectName.replace('.', '-').replace('/', '-');
    return (base + "-" + jobName).toLowerCase(Locale.ROOT);
  }
}
