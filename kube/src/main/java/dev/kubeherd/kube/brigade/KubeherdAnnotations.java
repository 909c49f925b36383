package dev.kubeherd.kube.brigade;

import java.util.List;

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

  /** On a log ConfigMap: the log source ({@code worker} or a job pod name). */
  public static final String LOG_SOURCE = PREFIX + "log-source";

  /** On a log ConfigMap: which part of the source's log it holds, from 0. */
  public static final String LOG_CHUNK = PREFIX + "log-chunk";

  /** On the first log ConfigMap of a source: when the source first wrote (orders the sources). */
  public static final String LOG_STARTED_AT = PREFIX + "log-started-at";

  /**
   * On every log ConfigMap but the first: how many UTF-8 bytes of text the previous chunk held when
   * this one was created, i.e. all it will ever hold. A reader whose copy of the previous chunk is
   * shorter read it before its last append and must read it again.
   */
  public static final String LOG_PREVIOUS_BYTES = PREFIX + "log-previous-bytes";

  /**
   * On a build Secret: the UID of its worker pod, set by the controller once the pod exists. Not a
   * status annotation (a status update keeps it): it tells a build whose pod was never created (the
   * controller stopped between claim and create: create it) from one whose pod ran and was deleted
   * while no controller watched (fail it: running it again would repeat its side effects).
   */
  public static final String WORKER_POD = PREFIX + "worker-pod";

  /**
   * On a worker pod: the start wait the controller is timing against the start grace, as {@code
   * <container>/<reason>/<since>} (an ISO-8601 instant). Written when the wait is first seen, so a
   * controller that restarts (or takes over as leader) keeps the deadline instead of granting the
   * whole grace again.
   */
  public static final String WORKER_START_WAIT = PREFIX + "worker-start-wait";

  /** The build status annotations, all of which a status update rewrites. */
  public static final List<String> BUILD_STATUS =
      List.of(PHASE, WORKER, STARTED_AT, FINISHED_AT, EXIT_CODE, MESSAGE);

  /** On a project Secret: {@code pod} (default) or {@code pool}, how its builds' workers run. */
  public static final String WORKER_MODE = PREFIX + "worker-mode";

  private KubeherdAnnotations() {}
}
