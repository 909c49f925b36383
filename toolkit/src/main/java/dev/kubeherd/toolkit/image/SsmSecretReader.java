package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.ami.AwsClients;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads an SSM parameter's decrypted value ({@code GetParameter WithDecryption=true}) in the
 * environment's region ({@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}), with the
 * environment's credentials. Used for {@code --github-token-ssm-parameter}.
 */
public final class SsmSecretReader implements UnaryOperator<String> {
  private final Map<String, String> env;

  public SsmSecretReader(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String apply(String name) {
    String region = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    if (region == null || region.isBlank()) {
      throw new ImageBuildException(
          "reading the SSM parameter " + name + " needs a region: set AWS_REGION");
    }
    try (AwsClients aws = AwsClients.fromEnvironment(env)) {
      return aws.ssm(region)
          .getParameter(r -> r.name(name).withDecryption(true))
          .parameter()
          .value();
    } catch (SdkException e) {
      throw new ImageBuildException(
          "reading the SSM parameter " + name + " failed: " + e.getMessage(), e);
    }
  }
}
