package dev.kubeherd.cli;

/** The build ran and failed: printed as is (no {@code Error:} prefix), exit code 2. */
public class BuildFailedException extends CliException {
  private final String buildId;

  public BuildFailedException(String buildId) {
    super("build failed. (Build ID: " + buildId + ")");
    this.buildId = buildId;
  }

  public String buildId() {
    return buildId;
  }
}
