package dev.kubeherd.toolkit.ami;

/**
 * The exit codes of {@code kubeherd build ami} (also listed in its help and in docs/toolkit.md).
 */
public final class AmiExitCodes {
  /** Built, published and rolled out (or rolled back) as asked. */
  public static final int OK = 0;

  /**
   * Usage errors, AWS API errors, a group with a refresh still running (found before anything
   * changed), a rollback with nothing recorded to roll back to.
   */
  public static final int ERROR = 1;

  /** No Flatcar image matches channel, version, architecture and region. */
  public static final int NO_FLATCAR_IMAGE = 3;

  /** {@code packer build} failed or left no readable manifest: nothing published or changed. */
  public static final int PACKER_FAILED = 4;

  /**
   * An instance refresh failed, was cancelled, timed out or could not be started; {@code
   * --rollback} restores.
   */
  public static final int REFRESH_FAILED = 5;

  private AmiExitCodes() {}
}
