package dev.kubeherd.toolkit.ami;

/**
 * An instance refresh ended other than Successful, did not end in time, or could not be started
 * (exit code 5). The new launch template versions stay default; their descriptions record the
 * previous default versions, which {@code --rollback} makes default again.
 */
public final class InstanceRefreshFailedException extends AmiBuildException {
  private final AmiBuildReport report;

  public InstanceRefreshFailedException(String message, AmiBuildReport report) {
    super(AmiExitCodes.REFRESH_FAILED, message);
    this.report = report;
  }

  /** What was built and changed before the refresh failed. */
  public AmiBuildReport report() {
    return report;
  }
}
