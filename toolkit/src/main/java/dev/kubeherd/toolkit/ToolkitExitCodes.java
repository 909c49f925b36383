package dev.kubeherd.toolkit;

/**
 * The exit codes every toolkit command shares (docs/toolkit.md, "Exit codes"). Commands may add
 * their own above these (e.g. {@code kubeherd build ami}, see {@code AmiExitCodes}).
 */
public final class ToolkitExitCodes {
  public static final int OK = 0;

  /** Usage errors, and a required external tool (helmfile, sops, …) that is not installed. */
  public static final int ERROR = 1;

  /** Same code as {@link #ERROR}: a tool is missing; the message names it and how to install it. */
  public static final int TOOL_MISSING = 1;

  /** An input file is missing or unusable: a helmfile, a chart, a config or value file. */
  public static final int INPUT_MISSING = 2;

  /**
   * A remote call failed: AWS (SSM parameter missing, except for {@code brigadm ssm get}; access
   * denied), git, the Kubernetes API.
   */
  public static final int REMOTE_FAILED = 3;

  /** Something to create already exists. */
  public static final int CONFLICT = 4;

  /**
   * {@code brigadm ssm get}: the parameter does not exist, told apart from access denied and other
   * AWS failures ({@link #REMOTE_FAILED}). 6, not 5, which {@code build ami} uses for a failed
   * instance refresh. Commands that read a parameter they need report it missing as {@link
   * #REMOTE_FAILED}.
   */
  public static final int PARAMETER_NOT_FOUND = 6;

  private ToolkitExitCodes() {}
}
