package dev.kubeherd.kube.brigade;

/**
 * What kubeherd adds to Brigade v1 objects, as annotations under {@code kubeherd.dev/} so v1 tools
 * that only read labels and data see nothing new. On a build Secret they hold the build status (v1
 * had none besides the worker pod phase, which disappears with the pod); on a job Secret the job
 * record.
 */
public final class KubeherdAnnotations {
  public static final String PREFIX = "kubeherd.dev/";
  public static final String PHASE = PREFIX + "phase";
  public static final String WORKER = PREFIX + "worker";
  public static final String STARTED_AT = PREFIX + "started-at";
  public static final String FINISHED_AT = PREFIX + "finished-at";
  public static final String EXIT_CODE = PREFIX + "exit-code";
  public static final String MESSAGE = PREFIX + "message";
  public static final String IMAGE = PREFIX + "image";

  /** On a project Secret: {@code pod} (default) or {@code pool}, how its builds' workers run. */
  public static final String WORKER_MODE = PREFIX + "worker-mode";

  private KubeherdAnnotations() {}
}
