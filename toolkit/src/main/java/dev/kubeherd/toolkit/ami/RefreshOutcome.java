package dev.kubeherd.toolkit.ami;

/**
 * How one instance refresh ended: {@code status} is the Auto Scaling status (Successful, Failed,
 * Cancelled, RollbackSuccessful, RollbackFailed) or {@code TimedOut} when it did not end in time.
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

  public boolean successful() {
    return "Successful".equals(status);
  }
}
