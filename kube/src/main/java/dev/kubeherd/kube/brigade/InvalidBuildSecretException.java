package dev.kubeherd.kube.brigade;

import dev.kubeherd.core.KubeherdException;
import java.util.Optional;

/**
 * A build Secret that cannot be read as a build: the message names the Secret and what is wrong
 * with it, so a controller can mark it failed and a user can fix or delete it.
 */
public class InvalidBuildSecretException extends KubeherdException {
  private final String secretName;
  private final Optional<String> buildId;
  private final String reason;

  public InvalidBuildSecretException(String secretName, Optional<String> buildId, String reason) {
    super(
        "build Secret "
            + secretName
            + " cannot be read: "
            + reason
            + ". Fix the Secret (kubectl edit secret "
            + secretName
            + ") or delete it");
    this.secretName = secretName;
    this.buildId = buildId;
    this.reason = reason;
  }

  public String secretName() {
    return secretName;
  }

  /** The build ID when the {@code build} label could be read. */
  public Optional<String> buildId() {
    return buildId;
  }

  /** What is wrong, without the Secret's name. */
  public String reason() {
    return reason;
  }
}
