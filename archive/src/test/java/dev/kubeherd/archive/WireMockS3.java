package dev.kubeherd.archive;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Archive settings pointing at a WireMock server that plays S3 (bucket {@code logs-bucket}). */
final class WireMockS3 {
  private WireMockS3() {}

  /** The settings for {@code s3Url}, with {@code extra} environment on top. */
  static ArchiveSettings settings(String s3Url, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "KUBEHERD_LOG_ARCHIVE_BUCKET", "logs-bucket",
                "AWS_ENDPOINT_URL", s3Url,
                "AWS_ACCESS_KEY_ID", "AKIATEST",
                "AWS_SECRET_ACCESS_KEY", "test-secret"));
    env.putAll(extra);
    return ArchiveSettings.fromEnv(env, Duration.ZERO).orElseThrow();
  }

  /** An archive over {@code s3Url}. */
  static S3LogArchive archive(String s3Url) {
    return S3LogArchive.open(settings(s3Url, Map.of()));
  }
}
