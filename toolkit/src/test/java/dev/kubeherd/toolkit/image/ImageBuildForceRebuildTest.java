package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --force-rebuild} in {@link ImageBuild}: local caches and bases are removed first, the
 * registry's caches are not pulled and no previous artifacts are used.
 */
class ImageBuildForceRebuildTest extends ImageBuildFixture {
  @Test
  void forceRebuildRemovesTheLocalCacheAndBaseImagesFirst() {
    engine.image(names.builderBase(), 2, NOW, Map.of());
    engine.image(names.builderCache(), 5, NOW, Map.of());
    engine.image(names.runtimeCache(), 5, NOW, Map.of());

    build(options().forceRebuild(true));

    assertThat(engine.calls)
        .containsSubsequence(
            "rmi " + names.builderCache(),
            "rmi " + names.builderBase(),
            "rmi " + names.runtimeCache(),
            "build " + names.builderBase() + " from Dockerfile.builder");
    assertThat(engine.calls).doesNotContain("rmi " + names.runtimeBase());
  }

  @Test
  void forceRebuildStartsFreshChainsFromTheBasesWithoutPullingTheRegistrysCaches() {
    engine.registry.put(names.builderCache(), engine.image("pushed-builder", 40, NOW, Map.of()));
    engine.registry.put(names.runtimeCache(), engine.image("pushed-runtime", 30, NOW, Map.of()));
    engine.image(names.builderCache(), 40, NOW, Map.of());

    ImageBuildReport report = build(options().forceRebuild(true));

    assertThat(engine.calls)
        .doesNotContain("pull " + names.builderCache(), "pull " + names.runtimeCache());
    for (StageReport stage : List.of(report.builder(), report.runtime())) {
      assertThat(stage.start().origin()).isEqualTo(StartImage.Origin.FRESH_CHAIN);
      assertThat(stage.start().reason()).isEqualTo("--force-rebuild");
      assertThat(stage.reusedLayers()).isEqualTo(2);
    }
    assertThat(report.builder().start().image()).isEqualTo(names.builderBase());
    assertThat(engine.local.get(names.builderCache()).layers()).hasSize(3);
  }

  @Test
  void forceRebuildOfAnIncrementalBuildUsesNoPreviousArtifacts() {
    engine.registry.put(names.builderCache(), engine.image("pushed-builder", 4, NOW, Map.of()));

    build(options().incremental(true).forceRebuild(true));

    assertThat(engine.calls).doesNotContain("pull " + names.builderCache());
    assertThat(engine.calls).noneMatch(c -> c.contains("save-artifacts"));
  }
}
