package dev.kubeherd.toolkit.aws;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;

/**
 * The AWS region of a toolkit command, the first of: the {@code region} setting, {@code
 * $AWS_REGION}, {@code $AWS_DEFAULT_REGION}, then the AWS SDK's own sources ({@link
 * SdkRegionChain}: the profile's {@code region} in {@code ~/.aws/config}, then instance metadata,
 * given at most {@link SdkRegionChain#METADATA_LIMIT} since off EC2 it does not answer).
 */
public final class AwsRegion {
  private AwsRegion() {}

  /**
   * @param setting the resolved {@code --region}/{@code KUBEHERD_REGION}/{@code region:} value
   * @throws ToolkitException (exit 1) naming every way to set it when there is none
   */
  public static String resolve(Optional<String> setting, Map<String, String> env) {
    return resolve(setting, env, SdkRegionChain.of(env));
  }

  /**
   * As {@link #resolve(Optional, Map)}, with {@code sdkChain} asked after the environment.
   *
   * @throws ToolkitException (exit 1) naming every way to set it when there is none
   */
  public static String resolve(
      Optional<String> setting, Map<String, String> env, AwsRegionProvider sdkChain) {
    return find(setting, env, sdkChain)
        .orElseThrow(
            () ->
                new ToolkitException(
                    ToolkitExitCodes.ERROR,
                    "no AWS region: pass --region, set KUBEHERD_REGION, AWS_REGION or"
                        + " AWS_DEFAULT_REGION, add 'region:' to kubeherd.yaml, or set the"
                        + " profile's region in ~/.aws/config"));
  }

  /** The region as {@link #resolve(Optional, Map)} finds it, empty when there is none. */
  public static Optional<String> find(Optional<String> setting, Map<String, String> env) {
    return find(setting, env, SdkRegionChain.of(env));
  }

  /** The region from {@code setting}, the environment, then {@code sdkChain}; empty if none. */
  public static Optional<String> find(
      Optional<String> setting, Map<String, String> env, AwsRegionProvider sdkChain) {
    return Stream.of(setting, Optional.ofNullable(env.get("AWS_REGION")))
        .flatMap(Optional::stream)
        .filter(s -> !s.isBlank())
        .findFirst()
        .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")).filter(s -> !s.isBlank()))
        .or(() -> ask(sdkChain));
  }

  private static Optional<String> ask(AwsRegionProvider chain) {
    try {
      return Optional.ofNullable(chain.getRegion()).map(Region::id).filter(s -> !s.isBlank());
    } catch (SdkClientException e) {
      return Optional.empty();
    }
  }
}
