package dev.kubeherd.toolkit.ami;

/**
 * How one instance refresh ended: {@code status} is the Auto Scaling status (Successful, Failed,
 * Cancelled, RollbackSuccessful, RollbackFailed), {@code TimedOut} when it did not end in time, or
 * {@code NotStarted} when StartInstanceRefresh failed or was not tried after another group's failed
 * (no refresh id then).
 */
public record RefreshOutcome(
    String autoScalingGroup,
    String refreshId,
    String launchTemplate,
    long launchTemplateVersion,
    String status,
    String statusReason,
    int percentageComplete) {

  public static final String TIMED_OUT = "TimedOut";
  public static final String NOT_STARTED = "NotStarted";

  /** Started, but following it failed: how it went is unknown here. */
  public static final String UNFOLLOWED = "Unfollowed";

  public boolean successful() {
    return "Successful".equals(status);
  }
}
