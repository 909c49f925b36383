package dev.kubeherd.toolkit.image;

/**
 * The exit codes of {@code kubeherd build dockerimage} (also in its help and in docs/toolkit.md).
 */
public final class ImageExitCodes {
  /** Built (and pushed, when asked). */
  public static final int OK = 0;

  /** Usage errors, no container engine, an engine command that failed outside a build step. */
  public static final int ERROR = 1;

  /** A Dockerfile, a scripts directory, a script or the context is missing; names the path. */
  public static final int MISSING_INPUT = 2;

  /** The images were built and kept locally, but a push failed (registry unreachable, denied). */
  public static final int PUSH_FAILED = 3;

  /**
   * A build step failed: a base image's Dockerfile, {@code assemble}, {@code assemble-runtime},
   * {@code save-artifacts}, a secret path with content in the committed diff, or a secret value in
   * a file the builder wrote ({@link SecretInLayerException}).
   */
  public static final int STEP_FAILED = 4;

  private ImageExitCodes() {}
}
