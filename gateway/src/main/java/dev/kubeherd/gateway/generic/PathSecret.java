package dev.kubeherd.gateway.generic;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.SecretMatch;
import java.util.Optional;

/**
 * Checks the secret in a generic gateway path against the project's {@code genericGatewaySecret},
 * in constant time, with Brigade v1's refusal texts. Pure.
 */
public final class PathSecret {
  static final String EMPTY =
      "secret for this Brigade Project is empty, refusing to serve, please inform your Brigade"
          + " admin";
  static final String WRONG = "secret is wrong";

  private PathSecret() {}

  /** Empty when {@code given} is the project's secret, else the 401 status text. */
  public static Optional<String> refusal(Project project, String given) {
    String expected = project.value(ProjectKeys.GENERIC_GATEWAY_SECRET);
    if (expected.isEmpty()) {
      return Optional.of(EMPTY);
    }
    return SecretMatch.matches(expected, given) ? Optional.empty() : Optional.of(WRONG);
  }
}
