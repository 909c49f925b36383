package dev.kubeherd.toolkit.ami;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The AMIs still in use in a region, which pruning never deletes: every version of the named launch
 * templates (in the build region), and whatever each Auto Scaling group of the region launches from
 * — the launch template version it names (also in a mixed instances policy and its overrides) or
 * its launch configuration.
 */
public final class AmiReferences {
  private final Function<String, Ec2Client> ec2;
  private final Function<String, AutoScalingClient> autoScaling;

  public AmiReferences(
      Function<String, Ec2Client> ec2, Function<String, AutoScalingClient> autoScaling) {
    this.ec2 = ec2;
    this.autoScaling = autoScaling;
  }

  /** The image ids in use in {@code region}; {@code templates} are looked up there. */
  public Set<String> inUse(String region, List<String> templates) {
    LaunchTemplates lts = new LaunchTemplates(ec2.apply(region), region);
    Set<String> images = new LinkedHashSet<>();
    for (String template : templates) {
      images.addAll(lts.imagesOfAllVersions(template));
    }
    List<String> configurations = new ArrayList<>();
    for (AutoScalingGroup group :
        autoScaling.apply(region).describeAutoScalingGroupsPaginator().autoScalingGroups()) {
      for (LaunchTemplateSpecification spec : specs(group)) {
        if (!templates.contains(spec.launchTemplateName())) {
          String version = spec.version() == null ? "$Default" : spec.version();
          images.addAll(lts.imagesOf(spec.launchTemplateId(), spec.launchTemplateName(), version));
        }
      }
      if (group.launchConfigurationName() != null) {
        configurations.add(group.launchConfigurationName());
      }
    }
    if (!configurations.isEmpty()) {
      autoScaling
          .apply(region)
          .describeLaunchConfigurationsPaginator(b -> b.launchConfigurationNames(configurations))
          .launchConfigurations()
          .forEach(c -> images.add(c.imageId()));
    }
    return images;
  }

  private static List<LaunchTemplateSpecification> specs(AutoScalingGroup group) {
    List<LaunchTemplateSpecification> specs = new ArrayList<>();
    if (group.launchTemplate() != null) {
      specs.add(group.launchTemplate());
    }
    if (group.mixedInstancesPolicy() != null
        && group.mixedInstancesPolicy().launchTemplate() != null) {
      var lt = group.mixedInstancesPolicy().launchTemplate();
      if (lt.launchTemplateSpecification() != null) {
        specs.add(lt.launchTemplateSpecification());
      }
      for (LaunchTemplateOverrides o : lt.overrides()) {
        if (o.launchTemplateSpecification() != null) {
          specs.add(o.launchTemplateSpecification());
        }
      }
    }
    return specs;
  }
}
