package dev.kubeherd.archive;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where finished builds' logs are archived, from the environment. The archive is on when {@value
 * #BUCKET_ENV} is set.
 *
 * @param bucket the S3 bucket
 * @param prefix the key prefix; objects are {@code <prefix>/<project>/<build>/<source>.log}
 * @param region the bucket's region ({@code AWS_REGION}, default {@code us-east-1})
 * @param endpoint an endpoint override ({@code AWS_ENDPOINT_URL}: MinIO, a test stub); path-style
 *     requests are used with it
 * @param retention how long archived logs are kept; {@link Duration#ZERO} keeps them forever
 * @param settle how long a build must have been finished before its logs are archived, so that a
 *     cancelled build's worker has written and closed its logs ({@value #SETTLE_ENV})
 * @param maxHold how long after it finished a build whose logs the archive would not take is held
 *     back from the vacuum ({@value #MAX_HOLD_ENV}, default {@link #DEFAULT_MAX_HOLD}); then it is
 *     released, so an S3 that keeps failing does not keep every build forever
 * @param env the environment, for credentials ({@code AWS_ACCESS_KEY_ID} … or the default chain)
 */
public record ArchiveSettings(
    String bucket,
    String prefix,
    String region,
    Optional<URI> endpoint,
    Duration retention,
    Duration settle,
    Duration maxHold,
    Map<String, String> env) {
  public static final String BUCKET_ENV = "KUBEHERD_LOG_ARCHIVE_BUCKET";
  public static final String PREFIX_ENV = "KUBEHERD_LOG_ARCHIVE_PREFIX";
  public static final String RETENTION_ENV = "KUBEHERD_LOG_ARCHIVE_RETENTION_DAYS";
  public static final String SETTLE_ENV = "KUBEHERD_LOG_ARCHIVE_SETTLE_SECONDS";
  public static final String MAX_HOLD_ENV = "KUBEHERD_LOG_ARCHIVE_MAX_HOLD_HOURS";
  public static final Duration DEFAULT_MAX_HOLD = Duration.ofHours(24);

  public ArchiveSettings {
    prefix = trimSlashes(prefix);
    env = Map.copyOf(env);
  }

  /**
   * @param defaultSettle the settle delay when {@value #SETTLE_ENV} is not set: longer than a
   *     cancelled build's worker takes to stop writing (the caller knows the worker's timings)
   * @return empty when no bucket is configured
   * @throws IllegalArgumentException when the retention is not a whole number of days ≥ 0 or the
   *     settle delay not a whole number of seconds ≥ 0, or the maximum hold not a whole number of
   *     hours ≥ 1
   */
  public static Optional<ArchiveSettings> fromEnv(Map<String, String> env, Duration defaultSettle) {
    String bucket = env.getOrDefault(BUCKET_ENV, "").trim();
    if (bucket.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new ArchiveSettings(
            bucket,
            env.getOrDefault(PREFIX_ENV, "kubeherd-logs"),
            nonBlank(env.get("AWS_REGION")).orElse("us-east-1"),
            nonBlank(env.get("AWS_ENDPOINT_URL")).map(URI::create),
            Duration.ofDays(
                count(
                    RETENTION_ENV,
                    env.getOrDefault(RETENTION_ENV, "0"),
                    "days",
                    "0 (keep forever)")),
            nonBlank(env.get(SETTLE_ENV))
                .map(v -> Duration.ofSeconds(count(SETTLE_ENV, v, "seconds", "0")))
                .orElse(defaultSettle),
            nonBlank(env.get(MAX_HOLD_ENV))
                .map(v -> Duration.ofHours(hours(v)))
                .orElse(DEFAULT_MAX_HOLD),
            env));
  }

  private static long hours(String value) {
    long n = count(MAX_HOLD_ENV, value, "hours", "1");
    if (n == 0) {
      throw new IllegalArgumentException(
          MAX_HOLD_ENV + "=0 would release builds before their logs are archived; set 1 or more");
    }
    return n;
  }

  private static long count(String name, String value, String unit, String least) {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        name + "=" + value + " is not a number of " + unit + "; set " + least + " or more");
  }

  private static Optional<String> nonBlank(String s) {
    return Optional.ofNullable(s).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static String trimSlashes(String p) {
    return p.replaceAll("^/+|/+$", "");
  }
}
