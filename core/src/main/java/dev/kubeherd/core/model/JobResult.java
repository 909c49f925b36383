package dev.kubeherd.core.model;

/**
 * How a job ended. {@code log} is the whole job output (stdout and stderr, trailing newline kept),
 * which brigadier's {@code Result.toString()} returns. {@code failure} is empty on success, else
 * the v1 error text without the {@code job <name>(<pod>):} prefix, e.g. {@code Error: Pod x failed
 * to run to completion} or {@code Error: time limit (1000 ms) exceeded}.
 */
public record JobResult(
    String podName, BuildPhase phase, int exitCode, String log, String failure) {

  public boolean succeeded() {
    return phase == BuildPhase.SUCCEEDED;
  }

  public static JobResult success(String podName, String log) {
    return new JobResult(podName, BuildPhase.SUCCEEDED, 0, log, "");
  }

  public static JobResult failed(String podName, int exitCode, String log) {
    return new JobResult(
        podName,
        BuildPhase.FAILED,
        exitCode,
        log,
        "Error: Pod " + podName + " failed to run to completion");
  }

  public static JobResult timedOut(String podName, long timeoutMillis, String log) {
    return new JobResult(
        podName,
        BuildPhase.FAILED,
        -1,
        log,
        "Error: time limit (" + timeoutMillis + " ms) exceeded");
  }

  /**
   * A job that never ran to an exit code, rejected with {@code reason} as v1 rejects it (e.g. the
   * container's waiting message on {@code ErrImagePull}).
   */
  public static JobResult rejected(String podName, String reason, String log) {
    return new JobResult(podName, BuildPhase.FAILED, -1, log, reason);
  }
}
