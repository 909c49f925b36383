package dev.kubeherd.toolkit.ami;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;

/**
 * How an instance refresh replaces instances (the Preferences of StartInstanceRefresh), validated
 * as Auto Scaling requires: MinHealthyPercentage 0–100; MaxHealthyPercentage, when given, 100–200
 * and at most 100 above the minimum (above 100 lets new instances launch before old ones go: the
 * controller roll "100 with surge"); CheckpointPercentages ascending and ending at 100 (every
 * instance is replaced), CheckpointDelay only with them; AutoRollback. SkipMatching is always on.
 */
public record RefreshOptions(
    int minHealthyPercentage,
    OptionalInt maxHealthyPercentage,
    OptionalInt instanceWarmupSeconds,
    List<Integer> checkpointPercentages,
    Optional<Duration> checkpointDelay,
    boolean autoRollback) {

  /** Auto Scaling's limit on CheckpointDelay: 172800 s (two days). */
  static final Duration MAX_CHECKPOINT_DELAY = Duration.ofDays(2);

  /** Auto Scaling's CheckpointDelay when none is sent: 3600 s. */
  static final Duration DEFAULT_CHECKPOINT_DELAY = Duration.ofHours(1);

  public RefreshOptions {
    checkpointPercentages = List.copyOf(checkpointPercentages);
    check(
        minHealthyPercentage >= 0 && minHealthyPercentage <= 100,
        "--min-healthy-percentage must be 0 to 100, not " + minHealthyPercentage);
    maxHealthyPercentage.ifPresent(max -> checkMax(minHealthyPercentage, max));
    check(
        instanceWarmupSeconds.isEmpty() || instanceWarmupSeconds.getAsInt() >= 0,
        "--instance-warmup must not be negative");
    checkCheckpoints(checkpointPercentages);
    check(
        checkpointDelay.isEmpty() || !checkpointPercentages.isEmpty(),
        "--checkpoint-delay needs --checkpoint-percentages: the delay is the pause at each one");
    checkpointDelay.ifPresent(
        d ->
            check(
                !d.isNegative() && d.compareTo(MAX_CHECKPOINT_DELAY) <= 0,
                "--checkpoint-delay must be 0 to 48h, not " + d));
  }

  private static void checkMax(int min, int max) {
    check(max >= 100 && max <= 200, "--max-healthy-percentage must be 100 to 200, not " + max);
    check(
        max - min <= 100,
        "--max-healthy-percentage may be at most 100 above --min-healthy-percentage ("
            + min
            + "), not "
            + max
            + ": raise the minimum or lower the maximum");
  }

  private static void checkCheckpoints(List<Integer> points) {
    int previous = 0;
    for (int p : points) {
      check(
          p > previous && p <= 100,
          "--checkpoint-percentages must rise from 1 to 100 without repeats, not " + points);
      previous = p;
    }
    check(
        points.isEmpty() || previous == 100,
        "--checkpoint-percentages must end at 100 so that every instance is replaced, not "
            + points);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * From flag values; {@code null} means not given.
   *
   * @throws IllegalArgumentException naming the flag when a value or combination is invalid
   */
  public static RefreshOptions of(
      int minHealthyPercentage,
      Integer maxHealthyPercentage,
      Integer instanceWarmupSeconds,
      List<Integer> checkpointPercentages,
      Duration checkpointDelay,
      boolean autoRollback) {
    return new RefreshOptions(
        minHealthyPercentage,
        maxHealthyPercentage == null ? OptionalInt.empty() : OptionalInt.of(maxHealthyPercentage),
        instanceWarmupSeconds == null ? OptionalInt.empty() : OptionalInt.of(instanceWarmupSeconds),
        checkpointPercentages == null ? List.of() : checkpointPercentages,
        Optional.ofNullable(checkpointDelay),
        autoRollback);
  }

  /** Auto Scaling's defaults, except the minimum: {@code min} percent, no maximum. */
  public static RefreshOptions minHealthy(int min) {
    return new RefreshOptions(
        min, OptionalInt.empty(), OptionalInt.empty(), List.of(), Optional.empty(), false);
  }

  /**
   * How long a refresh at least pauses: the checkpoint delay (Auto Scaling's hour when not given)
   * at each checkpoint below 100 (the refresh ends at 100, no pause follows).
   */
  Duration checkpointPauses() {
    long pauses = checkpointPercentages.stream().filter(p -> p < 100).count();
    return checkpointDelay.orElse(DEFAULT_CHECKPOINT_DELAY).multipliedBy(pauses);
  }

  /** These options on a StartInstanceRefresh's Preferences, with SkipMatching. */
  void applyTo(RefreshPreferences.Builder p) {
    p.minHealthyPercentage(minHealthyPercentage).skipMatching(true);
    maxHealthyPercentage.ifPresent(p::maxHealthyPercentage);
    instanceWarmupSeconds.ifPresent(p::instanceWarmup);
    if (!checkpointPercentages.isEmpty()) {
      p.checkpointPercentages(checkpointPercentages);
    }
    checkpointDelay.ifPresent(d -> p.checkpointDelay((int) d.toSeconds()));
    if (autoRollback) {
      p.autoRollback(true);
    }
  }

  /** For progress lines, e.g. {@code min healthy 100%, max healthy 110%, skip matching}. */
  String describe() {
    List<String> parts = new ArrayList<>();
    parts.add("min healthy " + minHealthyPercentage + "%");
    maxHealthyPercentage.ifPresent(m -> parts.add("max healthy " + m + "%"));
    if (!checkpointPercentages.isEmpty()) {
      parts.add(
          "checkpoints "
              + checkpointPercentages.stream().map(c -> c + "%").collect(Collectors.joining(" "))
              + checkpointDelay.map(d -> " (pausing " + d.toSeconds() + "s at each)").orElse(""));
    }
    if (autoRollback) {
      parts.add("auto rollback");
    }
    parts.add("skip matching");
    return String.join(", ", parts);
  }
}
