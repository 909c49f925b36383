package dev.kubeherd.toolkit.ami;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Deletes kubeherd AMIs beyond the newest {@code keep}: our own (owner self) with tag {@value
 * AmiTags#MANAGED}{@code =true}, of the same name prefix, channel and architecture. An AMI still in
 * use (see {@link AmiReferences}) or just built is never deleted. DeregisterImage, then
 * DeleteSnapshot for each of its EBS snapshots.
 */
public final class AmiPruner {
  private final Function<String, Ec2Client> ec2;
  private final Consumer<String> progress;

  public AmiPruner(Function<String, Ec2Client> ec2, Consumer<String> progress) {
    this.ec2 = ec2;
    this.progress = progress;
  }

  /** What one region's pruning did. */
  public record Result(List<PrunedAmi> deleted, List<KeptAmi> kept) {}

  /**
   * @param namePattern DescribeImages name filter of the AMIs of this line (e.g. {@code
   *     kubeherd-node-flatcar-stable-*})
   * @param inUse image ids referenced by launch templates or groups
   * @param justBuilt the AMI of this run in the region
   */
  public Result prune(
      String region,
      String namePattern,
      AmiArch arch,
      int keep,
      Set<String> inUse,
      String justBuilt) {
    Ec2Client client = ec2.apply(region);
    List<Image> images = new ArrayList<>();
    client
        .describeImagesPaginator(
            b ->
                b.owners("self")
                    .filters(
                        filter("tag:" + AmiTags.MANAGED, "true"),
                        filter("name", namePattern),
                        filter("architecture", arch.id())))
        .images()
        .forEach(images::add);
    images.sort(Comparator.comparing(AmiPruner::created).thenComparing(Image::imageId).reversed());
    List<PrunedAmi> deleted = new ArrayList<>();
    List<KeptAmi> kept = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      Image image = images.get(i);
      String reason =
          Objects.equals(image.imageId(), justBuilt)
              ? "just built"
              : i < keep ? "newest " + keep : inUse.contains(image.imageId()) ? "in use" : null;
      if (reason != null) {
        kept.add(new KeptAmi(region, image.imageId(), image.name(), reason));
      } else {
        deleted.add(delete(client, region, image));
      }
    }
    return new Result(deleted, kept);
  }

  private PrunedAmi delete(Ec2Client client, String region, Image image) {
    List<String> snapshots =
        image.blockDeviceMappings().stream()
            .map(BlockDeviceMapping::ebs)
            .filter(Objects::nonNull)
            .map(e -> e.snapshotId())
            .filter(Objects::nonNull)
            .toList();
    client.deregisterImage(b -> b.imageId(image.imageId()));
    for (String snapshot : snapshots) {
      client.deleteSnapshot(b -> b.snapshotId(snapshot));
    }
    progress.accept(
        "pruned "
            + image.imageId()
            + " ("
            + image.name()
            + ") in "
            + region
            + (snapshots.isEmpty() ? "" : " and snapshots " + String.join(", ", snapshots)));
    return new PrunedAmi(region, image.imageId(), image.name(), snapshots);
  }

  private static Instant created(Image image) {
    String date = image.creationDate();
    return date == null || date.isBlank() ? Instant.EPOCH : Instant.parse(date);
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }
}
