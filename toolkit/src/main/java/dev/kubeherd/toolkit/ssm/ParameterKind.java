package dev.kubeherd.toolkit.ssm;

import java.util.Arrays;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * How a value is stored in SSM: {@code SecureString} (encrypted with KMS, the default for anything
 * put by the toolkit) or {@code String} (clear text, only when asked for explicitly).
 */
public enum ParameterKind {
  SECURE_STRING("SecureString", ParameterType.SECURE_STRING),
  STRING("String", ParameterType.STRING);

  private final String awsName;
  private final ParameterType type;

  ParameterKind(String awsName, ParameterType type) {
    this.awsName = awsName;
    this.type = type;
  }

  /** {@code SecureString} or {@code String}, as AWS spells it. */
  public String awsName() {
    return awsName;
  }

  ParameterType type() {
    return type;
  }

  /**
   * {@code SecureString} or {@code String}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static ParameterKind of(String name) {
    return Arrays.stream(values())
        .filter(k -> k.awsName.equalsIgnoreCase(name.strip()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + name
                        + "' is not a parameter type; use "
                        + Arrays.stream(values())
                            .map(ParameterKind::awsName)
                            .collect(Collectors.joining(" or "))));
  }
}
