package dev.kubeherd.toolkit.ami;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * Finds the source Flatcar AMI with EC2 DescribeImages: owner {@value FlatcarQuery#FLATCAR_OWNER},
 * name {@code Flatcar-<channel>-<version or *>-hvm} ({@code ...-arm64-hvm} for arm64), the
 * architecture, HVM, available; every page (NextToken) is read and the newest by CreationDate wins.
 */
public final class FlatcarImages {
  private final Function<String, Ec2Client> ec2;

  public FlatcarImages(Function<String, Ec2Client> ec2) {
    this.ec2 = ec2;
  }

  /**
   * The newest image matching {@code query}.
   *
   * @throws NoFlatcarImageException when none matches
   */
  public FlatcarImage resolve(FlatcarQuery query) {
    Ec2Client client = ec2.apply(query.region());
    DescribeImagesRequest request =
        DescribeImagesRequest.builder()
            .owners(FlatcarQuery.FLATCAR_OWNER)
            .filters(
                filter("name", query.namePattern()),
                filter("architecture", query.arch().id()),
                filter("virtualization-type", "hvm"),
                filter("state", "available"))
            .build();
    Image newest = null;
    String token = null;
    do {
      DescribeImagesResponse page =
          client.describeImages(request.toBuilder().nextToken(token).build());
      for (Image candidate : page.images()) {
        if (versionOf(query, candidate.name()).isPresent()
            && (newest == null || BY_CREATION.compare(candidate, newest) > 0)) {
          newest = candidate;
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    if (newest == null) {
      throw new NoFlatcarImageException(query);
    }
    return new FlatcarImage(
        newest.imageId(),
        newest.name(),
        versionOf(query, newest.name()).orElseThrow(),
        created(newest),
        query.region());
  }

  private static final Comparator<Image> BY_CREATION =
      Comparator.comparing(FlatcarImages::created).thenComparing(Image::imageId);

  private static Instant created(Image image) {
    String date = image.creationDate();
    return date == null || date.isBlank() ? Instant.EPOCH : Instant.parse(date);
  }

  /**
   * The release in a name like {@code Flatcar-stable-4152.2.3-hvm} (x86_64) or {@code
   * Flatcar-stable-4152.2.3-arm64-hvm} (arm64).
   */
  static Optional<String> versionOf(FlatcarQuery query, String name) {
    if (name == null) {
      return Optional.empty();
    }
    Matcher m =
        Pattern.compile(
                "Flatcar-"
                    + Pattern.quote(query.channel().id())
                    + "-(\\d+\\.\\d+\\.\\d+)"
                    + Pattern.quote(query.arch().flatcarNameSuffix())
                    + "-hvm")
            .matcher(name);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static Filter filter(String name, String value) {
    return Filter.builder().name(name).values(value).build();
  }
}
