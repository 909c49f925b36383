package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.ami.AwsClients;
import dev.kubeherd.toolkit.aws.AwsErrors;
import dev.kubeherd.toolkit.aws.AwsRegion;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Reads an SSM parameter's decrypted value ({@code GetParameter WithDecryption=true}) in the
 * environment's region as {@link AwsRegion} finds it ({@code AWS_REGION}, {@code
 * AWS_DEFAULT_REGION}, the profile's {@code region}, instance metadata; a blank variable counts as
 * unset), with the environment's credentials. Used for {@code --github-token-ssm-parameter}.
 */
public final class SsmSecretReader implements UnaryOperator<String> {
  private final Map<String, String> env;

  public SsmSecretReader(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String apply(String name) {
    String region =
        AwsRegion.find(Optional.empty(), env)
            .orElseThrow(
                () ->
                    new ImageBuildException(
                        "reading the SSM parameter "
                            + name
                            + " needs a region: set AWS_REGION or AWS_DEFAULT_REGION, or the"
                            + " profile's region in ~/.aws/config"));
    try (AwsClients aws = AwsClients.fromEnvironment(env)) {
      return aws.ssm(region)
          .getParameter(r -> r.name(name).withDecryption(true))
          .parameter()
          .value();
    } catch (SdkException e) {
      throw new ImageBuildException(
          "reading the SSM parameter " + name + " failed: " + AwsErrors.describe(e), e);
    }
  }
}
