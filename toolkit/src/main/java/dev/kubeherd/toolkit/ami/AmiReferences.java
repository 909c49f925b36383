package dev.kubeherd.toolkit.ami;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AMIs still in use in a region, which pruning never deletes: the image of every version of
 * every launch template of the region (named by {@code --launch-template} or not, attached to a
 * group or not: any version can be made default or launched again), and the image of the launch
 * configuration of each Auto Scaling group that still uses one. Every page of every listing is
 * read; launch configurations are described 50 names at a time (the API's limit).
 */
public final class AmiReferences {
  private final Function<String, Ec2Client> ec2;
  private final Function<String, AutoScalingClient> autoScaling;

  public AmiReferences(
      Function<String, Ec2Client> ec2, Function<String, AutoScalingClient> autoScaling) {
    this.ec2 = ec2;
    this.autoScaling = autoScaling;
  }

  /** DescribeLaunchConfigurations takes at most this many LaunchConfigurationNames. */
  static final int NAMES_PER_REQUEST = 50;

  /** The image ids in use in {@code region}. */
  public Set<String> inUse(String region) {
    Set<String> images =
        new LinkedHashSet<>(new LaunchTemplates(ec2.apply(region), region).imagesOfEveryVersion());
    AutoScalingClient client = autoScaling.apply(region);
    List<String> configurations =
        client.describeAutoScalingGroupsPaginator().autoScalingGroups().stream()
            .map(AutoScalingGroup::launchConfigurationName)
            .filter(Objects::nonNull)
            .distinct()
            .toList();
    for (int from = 0; from < configurations.size(); from += NAMES_PER_REQUEST) {
      List<String> batch =
          configurations.subList(from, Math.min(from + NAMES_PER_REQUEST, configurations.size()));
      client
          .describeLaunchConfigurationsPaginator(b -> b.launchConfigurationNames(batch))
          .launchConfigurations()
          .forEach(c -> images.add(c.imageId()));
    }
    return images;
  }
}
