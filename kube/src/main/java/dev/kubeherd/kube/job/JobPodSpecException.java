package dev.kubeherd.kube.job;

/**
 * A job cannot become a pod as written, e.g. a {@code hostPath} volume in a project without {@code
 * allowHostMounts}. The message is Brigade v1's and says what to change in the script or project.
 */
public final class JobPodSpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public JobPodSpecException(String message) {
    super(message);
  }

  public JobPodSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
