package dev.kubeherd.toolkit.ami;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which Flatcar image to build on: channel, version ({@code current} or {@code X.Y.Z}),
 * architecture and region.
 */
public record FlatcarQuery(FlatcarChannel channel, String version, AmiArch arch, String region) {
  /** The owner id of the public Flatcar AMIs. */
  public static final String FLATCAR_OWNER = "075585003325";

  public static final String CURRENT = "current";
  private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  public FlatcarQuery {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(region, "region");
    if (!isValidVersion(version)) {
      throw new IllegalArgumentException(
          "--flatcar-version must be current or a release like 4152.2.3, not " + version);
    }
  }

  /** Whether {@code version} is {@code current} or {@code X.Y.Z}. */
  public static boolean isValidVersion(String version) {
    return version != null && (CURRENT.equals(version) || VERSION.matcher(version).matches());
  }

  public boolean pinned() {
    return !CURRENT.equals(version);
  }

  /**
   * The DescribeImages name filter: {@code Flatcar-<channel>-<version or *>-hvm} for x86_64, {@code
   * Flatcar-<channel>-<version or *>-arm64-hvm} for arm64.
   */
  public String namePattern() {
    return "Flatcar-"
        + channel.id()
        + "-"
        + (pinned() ? version : "*")
        + arch.flatcarNameSuffix()
        + "-hvm";
  }

  /** Names the query for messages. */
  public String describe() {
    return "channel "
        + channel.id()
        + ", version "
        + version
        + ", arch "
        + arch.id()
        + ", region "
        + region
        + " (owner "
        + FLATCAR_OWNER
        + ", name "
        + namePattern()
        + ")";
  }
}
