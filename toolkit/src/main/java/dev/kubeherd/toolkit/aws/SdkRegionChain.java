package dev.kubeherd.toolkit.aws;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;

/**
 * The AWS SDK's region sources after the environment variables, read as the command's environment
 * says: the {@code region} of profile {@code $AWS_PROFILE} (else {@code default}) in {@code
 * $AWS_CONFIG_FILE} (else {@code ~/.aws/config}), then instance metadata, given at most {@link
 * #METADATA_LIMIT} and skipped when {@code AWS_EC2_METADATA_DISABLED=true}.
 */
public final class SdkRegionChain {
  /** How long the instance metadata service may take to name the region before it is skipped. */
  public static final Duration METADATA_LIMIT = Duration.ofSeconds(2);

  private SdkRegionChain() {}

  public static AwsRegionProvider of(Map<String, String> env) {
    List<AwsRegionProvider> providers = new ArrayList<>();
    Path config = configFile(env);
    providers.add(
        new AwsProfileRegionProvider(
            () -> profiles(config), env.getOrDefault("AWS_PROFILE", "default")));
    if (!"true".equalsIgnoreCase(env.getOrDefault("AWS_EC2_METADATA_DISABLED", "").strip())) {
      providers.add(new BoundedRegionProvider(new InstanceProfileRegionProvider(), METADATA_LIMIT));
    }
    return new AwsRegionProviderChain(providers.toArray(AwsRegionProvider[]::new));
  }

  private static Path configFile(Map<String, String> env) {
    return Optional.ofNullable(env.get("AWS_CONFIG_FILE"))
        .filter(f -> !f.isBlank())
        .map(Path::of)
        .orElseGet(
            () ->
                Path.of(
                    Optional.ofNullable(env.get("HOME"))
                        .filter(h -> !h.isBlank())
                        .orElseGet(() -> System.getProperty("user.home")),
                    ".aws",
                    "config"));
  }

  /** The config file's profiles; none when it does not exist. */
  private static ProfileFile profiles(Path config) {
    ProfileFile.Builder b = ProfileFile.builder().type(ProfileFile.Type.CONFIGURATION);
    return Files.isRegularFile(config)
        ? b.content(config).build()
        : b.content(InputStream.nullInputStream()).build();
  }
}
