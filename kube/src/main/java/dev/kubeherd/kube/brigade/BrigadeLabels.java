package dev.kubeherd.kube.brigade;

import java.util.Map;

/**
 * The Brigade v1 label keys and values every Secret, Pod and PVC carries. Kashti, brigadeterm, brig
 * v1 and the v1 vacuum find objects by these, so they never change.
 */
public final class BrigadeLabels {
  public static final String APP = "app";
  public static final String COMPONENT = "component";
  public static final String HERITAGE = "heritage";
  public static final String PROJECT = "project";
  public static final String BUILD = "build";
  public static final String STATUS = "status";
  public static final String JOBNAME = "jobname";
  public static final String WORKER = "worker";

  /** On job cache PVCs: the job name. */
  public static final String JOB = "job";

  public static final String BRIGADE = "brigade";
  public static final String COMPONENT_PROJECT = "project";
  public static final String COMPONENT_BUILD = "build";
  public static final String COMPONENT_JOB = "job";
  public static final String COMPONENT_BUILD_STORAGE = "buildStorage";
  public static final String COMPONENT_JOB_CACHE = "jobCache";

  /** kubeherd's own: a ConfigMap holding (part of) one log of a build. v1 had no such object. */
  public static final String COMPONENT_LOG = "log";

  /**
   * kubeherd's own: a ConfigMap recording a webhook delivery and its builds, owned by each of their
   * Secrets and labelled {@code build.kubeherd.dev/<id>=true} for each (older versions: {@link
   * #BUILD} with the newest).
   */
  public static final String COMPONENT_DELIVERY = "delivery";

  /** Value of {@link #STATUS} once a controller has taken a build (v1's idempotency marker). */
  public static final String STATUS_ACCEPTED = "accepted";

  private BrigadeLabels() {}

  /** The selector every v1 component uses to discover project Secrets. */
  public static Map<String, String> projectSelector() {
    return Map.of(APP, BRIGADE, COMPONENT, COMPONENT_PROJECT);
  }

  /** Labels of a build Secret (and, copied, of its worker pod) before it is accepted. */
  public static Map<String, String> buildLabels(String buildId, String projectId) {
    return Map.of(
        HERITAGE, BRIGADE, COMPONENT, COMPONENT_BUILD, PROJECT, projectId, BUILD, buildId);
  }

  /**
   * A build Secret's labels other than v1's own keys ({@code heritage}, {@code component}, {@code
   * project}, {@code build}, {@code status}): what a custom producer added, e.g. {@code
   * team=payments}.
   */
  public static Map<String, String> producerLabels(Map<String, String> secretLabels) {
    if (secretLabels == null || secretLabels.isEmpty()) {
      return Map.of();
    }
    Map<String, String> own = new java.util.HashMap<>(secretLabels);
    own.keySet().removeAll(java.util.Set.of(HERITAGE, COMPONENT, PROJECT, BUILD, STATUS));
    return own;
  }

  /**
   * What v1's build deletion selects on, minus its set-based {@code component in (build, job)}
   * part, which callers apply to the listed objects (the mock server ignores set-based selectors).
   */
  public static Map<String, String> buildObjectsSelector(String buildId) {
    return Map.of(HERITAGE, BRIGADE, BUILD, buildId);
  }

  /**
   * What selects one build's job pods and job Secrets: {@code component=job,build=<id>} (as v1's
   * build deletion selects them, less its heritage part).
   */
  public static Map<String, String> jobsOfBuild(String buildId) {
    return Map.of(COMPONENT, COMPONENT_JOB, BUILD, buildId);
  }

  /** Labels of a build's log ConfigMaps. */
  public static Map<String, String> logLabels(String buildId) {
    return Map.of(HERITAGE, BRIGADE, COMPONENT, COMPONENT_LOG, BUILD, buildId);
  }

  /** Labels of a job pod and its job Secret. */
  public static Map<String, String> jobLabels(
      String jobName, String projectId, String workerName, String buildId) {
    return Map.of(
        HERITAGE,
        BRIGADE,
        COMPONENT,
        COMPONENT_JOB,
        JOBNAME,
        jobName,
        PROJECT,
        projectId,
        WORKER,
        workerName,
        BUILD,
        buildId);
  }
}
