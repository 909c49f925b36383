package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer-growth guard's decisions ({@link CacheGuard}). */
class ImageCacheGuardTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  final CacheGuard guard = new CacheGuard(10, Duration.ofDays(30));

  @Test
  void aYoungShortChainGoesOnFromWhereItStarted() {
    Instant started = NOW.minus(Duration.ofDays(29));

    CacheGuard.Decision d = guard.decide(cache(9, NOW, started.toString()), NOW);

    assertThat(d).isEqualTo(new CacheGuard.Decision(false, "", started));
  }

  @Test
  void aCacheWhereOneMoreLayerPassesTheLimitStartsAFreshChain() {
    CacheGuard.Decision d = guard.decide(cache(10, NOW, NOW.toString()), NOW);

    assertThat(d.freshChain()).isTrue();
    assertThat(d.chainStarted()).isEqualTo(NOW);
    assertThat(d.reason())
        .isEqualTo("the cache image has 10 layers; one more would pass --max-cache-layers 10");
  }

  @Test
  void aChainOlderThanTheMaximumAgeStartsAFreshChain() {
    Instant started = NOW.minus(Duration.ofDays(31));

    CacheGuard.Decision d = guard.decide(cache(3, NOW, started.toString()), NOW);

    assertThat(d.freshChain()).isTrue();
    assertThat(d.reason())
        .isEqualTo(
            "the cache chain started 2026-01-29T12:00:00Z, 31 days ago, longer than"
                + " --max-cache-age 30 days");
  }

  @Test
  void withoutTheChainLabelTheCacheImagesCreationTimeCounts() {
    assertThat(guard.decide(cache(3, NOW.minus(Duration.ofDays(40)), null), NOW).freshChain())
        .isTrue();
    assertThat(guard.decide(cache(3, NOW.minus(Duration.ofDays(2)), "garbage"), NOW).freshChain())
        .isFalse();
  }

  @Test
  void refusesLimitsThatCouldNeverHoldACache() {
    assertThatThrownBy(() -> new CacheGuard(1, Duration.ofDays(1)))
        .hasMessage("--max-cache-layers must be at least 2, not 1");
    assertThatThrownBy(() -> new CacheGuard(100, Duration.ZERO))
        .hasMessage("--max-cache-age must be positive");
  }

  private static ImageInfo cache(int layers, Instant created, String chainStarted) {
    List<String> ls = new ArrayList<>();
    for (int i = 0; i < layers; i++) {
      ls.add("sha256:" + i);
    }
    return new ImageInfo(
        "id",
        ls,
        created,
        chainStarted == null ? Map.of() : Map.of(ImageLabels.CHAIN_STARTED, chainStarted),
        "/");
  }
}
