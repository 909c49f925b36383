package dev.kubeherd.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Build logs in an S3 bucket, one object per log: {@code <prefix>/<project>/<build>/<source>.log}
 * (UTF-8 text). Every failure is a {@link LogArchiveException} naming the object and the call.
 */
public final class S3LogArchive implements AutoCloseable {
  private static final String SUFFIX = ".log";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public S3LogArchive(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() ? "" : prefix + "/";
  }

  public static S3LogArchive open(ArchiveSettings settings) {
    return new S3LogArchive(S3Clients.create(settings), settings.bucket(), settings.prefix());
  }

  /** {@code s3://bucket/key} of a log, for messages and docs. */
  public String url(String project, String build, String source) {
    return "s3://" + bucket + "/" + key(project, build, source);
  }

  public void put(String project, String build, String source, String text) {
    String key = key(project, build, source);
    call(
        "upload " + key,
        () ->
            s3.putObject(
                r -> r.bucket(bucket).key(key),
                RequestBody.fromString(text, StandardCharsets.UTF_8)));
  }

  /** The archived log, or empty when there is none. */
  public Optional<String> get(String project, String build, String source) {
    String key = key(project, build, source);
    return call(
        "download " + key,
        () -> {
          try {
            return Optional.of(
                s3.getObjectAsBytes(r -> r.bucket(bucket).key(key))
                    .asString(StandardCharsets.UTF_8));
          } catch (NoSuchKeyException e) {
            return Optional.empty();
          }
        });
  }

  /** The sources archived for a build, in key order. */
  public List<String> sources(String project, String build) {
    return List.copyOf(sizes(project, build).keySet());
  }

  /** The sources archived for a build with their objects' sizes in bytes, in key order. */
  public Map<String, Long> sizes(String project, String build) {
    String dir = prefix + project + "/" + build + "/";
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (S3Object o : list(dir, false).contents()) {
      String name = o.key().substring(dir.length());
      if (name.endsWith(SUFFIX) && !name.contains("/")) {
        sizes.put(name.substring(0, name.length() - SUFFIX.length()), o.size());
      }
    }
    return sizes;
  }

  /** Projects with archived logs (the first level under the prefix). */
  public List<String> projects() {
    return list(prefix, true).commonPrefixes().stream()
        .map(CommonPrefix::prefix)
        .map(p -> p.substring(prefix.length(), p.length() - 1))
        .toList();
  }

  /** Deletes every archived log last modified before {@code cutoff}; returns how many. */
  public int deleteOlderThan(Instant cutoff) {
    int deleted = 0;
    String token = null;
    do {
      ListObjectsV2Response page = page(prefix, false, token);
      for (S3Object o : page.contents()) {
        if (o.key().endsWith(SUFFIX) && o.lastModified().isBefore(cutoff)) {
          call("delete " + o.key(), () -> s3.deleteObject(r -> r.bucket(bucket).key(o.key())));
          deleted++;
        }
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return deleted;
  }

  private ListObjectsV2Response list(String under, boolean delimited) {
    List<S3Object> contents = new ArrayList<>();
    List<CommonPrefix> prefixes = new ArrayList<>();
    String token = null;
    do {
      ListObjectsV2Response page = page(under, delimited, token);
      contents.addAll(page.contents());
      prefixes.addAll(page.commonPrefixes());
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return ListObjectsV2Response.builder().contents(contents).commonPrefixes(prefixes).build();
  }

  private ListObjectsV2Response page(String under, boolean delimited, String token) {
    ListObjectsV2Request.Builder r = ListObjectsV2Request.builder().bucket(bucket).prefix(under);
    if (delimited) {
      r.delimiter("/");
    }
    if (token != null) {
      r.continuationToken(token);
    }
    return call("list s3://" + bucket + "/" + under, () -> s3.listObjectsV2(r.build()));
  }

  private String key(String project, String build, String source) {
    return prefix + project + "/" + build + "/" + source + SUFFIX;
  }

  private <T> T call(String what, java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new LogArchiveException(
          "Could not "
              + what
              + " in bucket "
              + bucket
              + ": "
              + e.getMessage()
              + "; check "
              + ArchiveSettings.BUCKET_ENV
              + ", the region and the credentials' s3:PutObject/GetObject/ListBucket/DeleteObject"
              + " rights",
          e);
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
