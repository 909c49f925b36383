package dev.kubeherd.toolkit.ami;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;

/**
 * The launch templates of a region: in the build region a new version from the current default with
 * a concrete {@code ImageId} made default (its description records the previous default), and the
 * way back; in any region the images every version uses (for pruning).
 */
public final class LaunchTemplates {
  private final Ec2Client ec2;
  private final String region;

  public LaunchTemplates(Ec2Client ec2, String region) {
    this.ec2 = ec2;
    this.region = region;
  }

  /**
   * The template named {@code name}.
   *
   * @throws AmiBuildException when there is none in the region
   */
  public LaunchTemplate find(String name) {
    List<LaunchTemplate> found;
    try {
      found = ec2.describeLaunchTemplates(b -> b.launchTemplateNames(name)).launchTemplates();
    } catch (Ec2Exception e) {
      if (notFound(e)) {
        found = List.of();
      } else {
        throw e;
      }
    }
    if (found.isEmpty()) {
      throw new AmiBuildException(
          "launch template "
              + name
              + " not found in "
              + region
              + ": create it first (launch templates must be in the build region, the first --region)");
    }
    return found.getFirst();
  }

  /**
   * CreateLaunchTemplateVersion from the default version with {@code imageId}, then
   * ModifyLaunchTemplate to make it default.
   *
   * @param describe the version description for the previous default version number
   */
  public LaunchTemplateChange update(String name, String imageId, LongFunction<String> describe) {
    LaunchTemplate template = find(name);
    long previous = template.defaultVersionNumber();
    LaunchTemplateVersion created =
        ec2.createLaunchTemplateVersion(
                b ->
                    b.launchTemplateName(name)
                        .sourceVersion(Long.toString(previous))
                        .versionDescription(describe.apply(previous))
                        .launchTemplateData(d -> d.imageId(imageId)))
            .launchTemplateVersion();
    long version = created.versionNumber();
    ec2.modifyLaunchTemplate(
        b -> b.launchTemplateName(name).defaultVersion(Long.toString(version)));
    return new LaunchTemplateChange(
        name, template.launchTemplateId(), previous, version, Optional.of(imageId));
  }

  /**
   * Makes the default version recorded in the current default's description default again.
   *
   * @throws AmiBuildException when the default version records none (not made by kubeherd)
   */
  public LaunchTemplateChange rollback(String name) {
    LaunchTemplate template = find(name);
    LaunchTemplateVersion current =
        ec2.describeLaunchTemplateVersions(b -> b.launchTemplateName(name).versions("$Default"))
            .launchTemplateVersions()
            .getFirst();
    OptionalLong previous = VersionDescription.previousDefault(current.versionDescription());
    if (previous.isEmpty()) {
      throw new AmiBuildException(
          "cannot roll back launch template "
              + name
              + ": its default version "
              + current.versionNumber()
              + " records no previous default version (description: \""
              + String.valueOf(current.versionDescription())
              + "\"), so it was not made by kubeherd build ami; choose a version and run aws ec2"
              + " modify-launch-template --launch-template-name "
              + name
              + " --default-version N");
    }
    long target = previous.getAsLong();
    ec2.modifyLaunchTemplate(b -> b.launchTemplateName(name).defaultVersion(Long.toString(target)));
    return new LaunchTemplateChange(
        name, template.launchTemplateId(), current.versionNumber(), target, Optional.empty());
  }

  /**
   * The image ids of every version of every launch template of the region: all pages of
   * DescribeLaunchTemplates, and of DescribeLaunchTemplateVersions for each template. A template
   * deleted meanwhile is skipped.
   */
  public Set<String> imagesOfEveryVersion() {
    Set<String> images = new LinkedHashSet<>();
    String token = null;
    do {
      String page = token;
      DescribeLaunchTemplatesResponse templates =
          ec2.describeLaunchTemplates(b -> b.nextToken(page));
      for (LaunchTemplate t : templates.launchTemplates()) {
        images.addAll(imagesOfAllVersions(t.launchTemplateId()));
      }
      token = templates.nextToken();
    } while (token != null && !token.isEmpty());
    return images;
  }

  private Set<String> imagesOfAllVersions(String templateId) {
    try {
      return images(
          DescribeLaunchTemplateVersionsRequest.builder().launchTemplateId(templateId).build());
    } catch (Ec2Exception e) {
      if (notFound(e)) {
        return Set.of();
      }
      throw e;
    }
  }

  private static boolean notFound(Ec2Exception e) {
    return e.awsErrorDetails() != null
        && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("InvalidLaunchTemplate");
  }

  private Set<String> images(DescribeLaunchTemplateVersionsRequest request) {
    Set<String> images = new LinkedHashSet<>();
    String token = null;
    do {
      DescribeLaunchTemplateVersionsResponse page =
          ec2.describeLaunchTemplateVersions(request.toBuilder().nextToken(token).build());
      for (LaunchTemplateVersion v : page.launchTemplateVersions()) {
        if (v.launchTemplateData() != null && v.launchTemplateData().imageId() != null) {
          images.add(v.launchTemplateData().imageId());
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return images;
  }
}
