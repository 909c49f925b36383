package dev.kubeherd.toolkit.image;

/**
 * The images were built and stay in the local engine, but pushing one failed (exit code 3). Carries
 * the report of the build (what was pushed before the failure).
 */
public final class PushFailedException extends ImageBuildException {
  private final transient ImageBuildReport report;

  public PushFailedException(String message, ImageBuildReport report) {
    super(ImageExitCodes.PUSH_FAILED, message);
    this.report = report;
  }

  /** What the build produced; {@link ImageBuildReport#pushed()} lists the pushes that worked. */
  public ImageBuildReport report() {
    return report;
  }
}
