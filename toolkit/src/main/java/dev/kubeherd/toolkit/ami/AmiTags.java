package dev.kubeherd.toolkit.ami;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * Tags the built AMIs in each region (CreateTags). The template tags them too, but copies made by
 * other packer versions and older templates may lack tags: pruning relies on {@value #MANAGED}.
 */
public final class AmiTags {
  /** The tag pruning selects on. */
  public static final String MANAGED = "kubeherd:managed";

  private final Function<String, Ec2Client> ec2;

  public AmiTags(Function<String, Ec2Client> ec2) {
    this.ec2 = ec2;
  }

  /** The tags every kubeherd AMI carries. */
  public static Map<String, String> of(FlatcarQuery query, FlatcarImage source, String gitSha) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(MANAGED, "true");
    tags.put("kubeherd:flatcar-channel", query.channel().id());
    tags.put("kubeherd:flatcar-version", source.version());
    tags.put("kubeherd:arch", query.arch().id());
    tags.put("kubeherd:source-ami", source.imageId());
    tags.put("kubeherd:git-sha", gitSha);
    return tags;
  }

  /** CreateTags on {@code amis} (region → AMI id). */
  public void tag(Map<String, String> amis, Map<String, String> tags) {
    List<Tag> list =
        tags.entrySet().stream()
            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    amis.forEach((region, ami) -> ec2.apply(region).createTags(b -> b.resources(ami).tags(list)));
  }
}
