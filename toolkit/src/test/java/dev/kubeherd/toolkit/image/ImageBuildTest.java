package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steps of {@link ImageBuild} against an engine in memory ({@link FakeEngine}): cache
 * resolution, the order of pushes, incremental builds and failure clean-up. Force rebuilds are in
 * {@link ImageBuildForceRebuildTest}, secrets and the work directory in {@link
 * ImageBuildSecretsTest}.
 */
class ImageBuildTest extends ImageBuildFixture {
  @Test
  void withNothingAnywhereItBuildsTheBasesTagsThemAsCachesAndStacksOneLayerPerStage() {
    ImageBuildReport report = build(options());

    assertThat(engine.calls)
        .containsSubsequence(
            "inspect " + names.builderBase(),
            "pull " + names.builderBase(),
            "build " + names.builderBase() + " from Dockerfile.builder",
            "inspect " + names.builderCache(),
            "pull " + names.builderCache(),
            "tag " + names.builderBase() + " " + names.builderCache(),
            "start " + containerOf(names.builderCache()) + " (/tmp/scripts/assemble)",
            "commit " + containerOf(names.builderCache()) + " " + names.builderOutput(),
            "build " + names.runtimeBase() + " from Dockerfile.runtime",
            "tag " + names.runtimeBase() + " " + names.runtimeCache(),
            "create " + containerOf(names.builderOutput()) + " from " + names.builderOutput(),
            "cp " + containerOf(names.builderOutput()) + ":/root/src/app.tar.gz",
            "commit " + containerOf(names.runtimeCache()) + " " + names.finalImage(),
            "tag " + names.builderOutput() + " " + names.builderCache(),
            "tag " + names.finalImage() + " " + names.runtimeCache());
    assertThat(report.builder().start().origin()).isEqualTo(StartImage.Origin.BASE_AS_CACHE);
    assertThat(report.builder().layers()).isEqualTo(3);
    assertThat(report.builder().reusedLayers()).isEqualTo(2);
    assertThat(engine.calls("push")).isEmpty();
    assertThat(report.labels())
        .containsEntry(ImageLabels.REVISION, "3f2c1d0")
        .containsEntry(ImageLabels.CREATED, "2026-03-01T12:00:00Z")
        .containsEntry(
            ImageLabels.BASE_HASH, ContentHash.md5(project.resolve("deploy/Dockerfile.runtime")))
        .containsEntry(ImageLabels.CHAIN_STARTED, "2026-03-01T12:00:00Z");
  }

  @Test
  void theSourceAndScriptsAreCopiedInAndTheArtifactGoesToTheRuntimeWorkingDirectory() {
    build(options());

    String builder = containerOf(names.builderCache());
    String runtime = containerOf(names.runtimeCache());
    assertThat(engine.calls)
        .contains(
            "cp empty " + builder + ":/tmp/src",
            "cp - " + builder + ":/tmp/src",
            "cp builder " + builder + ":/tmp/scripts",
            "cp runtime " + runtime + ":/tmp/scripts",
            "cp app.tar.gz " + runtime + ":/app/app.tar.gz");
    assertThat(spec(runtime).command()).containsExactly("/tmp/scripts/assemble-runtime");
    assertThat(spec(runtime).mounts()).isEmpty();
  }

  @Test
  void aLocalCacheIsReusedWithoutPullingAndItsChainGoesOn() {
    Instant started = NOW.minus(Duration.ofDays(3));
    engine.image(names.builderBase(), 2, NOW, Map.of());
    engine.image(
        names.builderCache(), 7, NOW, Map.of(ImageLabels.CHAIN_STARTED, started.toString()));
    engine.image(names.runtimeBase(), 2, NOW, Map.of());
    engine.image(names.runtimeCache(), 5, NOW, Map.of());

    ImageBuildReport report = build(options());

    assertThat(engine.calls("pull")).isEmpty();
    assertThat(engine.calls("build")).isEmpty();
    assertThat(report.builder().start().origin()).isEqualTo(StartImage.Origin.LOCAL_CACHE);
    assertThat(report.builder().layers()).isEqualTo(8);
    assertThat(report.builder().reusedLayers()).isEqualTo(7);
    assertThat(engine.local.get(names.builderCache()).labels())
        .containsEntry(ImageLabels.CHAIN_STARTED, started.toString());
  }

  @Test
  void aCacheOnlyInTheRegistryIsPulled() {
    engine.image(names.builderBase(), 2, NOW, Map.of());
    engine.registry.put(names.builderCache(), engine.image("elsewhere", 4, NOW, Map.of()));

    ImageBuildReport report = build(options());

    assertThat(report.builder().start().origin()).isEqualTo(StartImage.Origin.PULLED_CACHE);
    assertThat(report.builder().reusedLayers()).isEqualTo(4);
  }

  @Test
  void anOldChainStartsAFreshOneFromTheBase() {
    engine.image(names.builderBase(), 2, NOW, Map.of());
    engine.image(
        names.builderCache(),
        9,
        NOW,
        Map.of(ImageLabels.CHAIN_STARTED, NOW.minus(Duration.ofDays(31)).toString()));

    ImageBuildReport report = build(options());

    assertThat(report.builder().start().origin()).isEqualTo(StartImage.Origin.FRESH_CHAIN);
    assertThat(report.builder().start().image()).isEqualTo(names.builderBase());
    assertThat(report.builder().layers()).isEqualTo(3);
    assertThat(engine.local.get(names.builderOutput()).labels())
        .containsEntry(ImageLabels.CHAIN_STARTED, NOW.toString());
    assertThat(progress).anyMatch(l -> l.contains("longer than --max-cache-age 30 days"));
  }

  @Test
  void cachesArePushedBeforeTheImageAfterBothStages() {
    ImageBuildReport report = build(options().push(true).pushCache(true));

    assertThat(engine.calls("push"))
        .containsExactly(
            "push " + names.builderCache(),
            "push " + names.runtimeCache(),
            "push " + names.finalImage());
    assertThat(engine.calls.indexOf("push " + names.builderCache()))
        .isGreaterThan(
            engine.calls.indexOf("tag " + names.finalImage() + " " + names.runtimeCache()));
    assertThat(report.pushed()).hasSize(3);
  }

  @Test
  void onlyTheImageIsPushedWithoutPushCache() {
    build(options().push(true));

    assertThat(engine.calls("push")).containsExactly("push " + names.finalImage());
  }

  @Test
  void aFailedPushIsExitCode3WithEverythingBuiltAndKeptLocally() {
    engine.unpushable.add(names.runtimeCache());

    assertThatThrownBy(() -> build(options().push(true).pushCache(true)))
        .isInstanceOfSatisfying(
            PushFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(3);
              assertThat(e.getMessage())
                  .contains("pushing " + names.runtimeCache() + " failed", "kept locally");
              assertThat(e.report().pushed()).containsExactly(names.builderCache());
            });
    assertThat(engine.local)
        .containsKeys(names.finalImage(), names.builderCache(), names.runtimeCache());
    assertThat(engine.calls("push")).doesNotContain("push " + names.finalImage());
  }

  @Test
  void aFailingAssembleIsExitCode4WithItsOutputAndLeavesNoContainerOrSecret() {
    engine.exitCodes.put("/tmp/scripts/assemble", 3);
    engine.output = script -> List.of("compiling", "fatal: gem failed");

    assertThatThrownBy(() -> build(options().push(true)))
        .isInstanceOfSatisfying(
            StepFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(4);
              assertThat(e.getMessage())
                  .startsWith(
                      "assemble (builder) failed with exit code 3 in a container of "
                          + names.builderCache())
                  .endsWith("Its last output:\ncompiling\nfatal: gem failed");
            });
    assertThat(engine.containers).isEmpty();
    assertThat(engine.calls("commit")).isEmpty();
    assertThat(engine.calls("push")).isEmpty();
    assertThat(work).isEmptyDirectory();
  }

  @Test
  void anIncrementalBuildStartsFromTheBaseWithThePreviousImagesArtifacts() {
    engine.image(names.builderBase(), 2, NOW, Map.of());
    engine.image(names.builderCache(), 3, NOW, Map.of());

    ImageBuildReport report = build(options().incremental(true));

    String save = containerOf(names.builderCache());
    String builder = containerOf(names.builderBase());
    assertThat(engine.calls)
        .containsSubsequence(
            "create " + save + " from " + names.builderCache(),
            "start " + save + " (/tmp/scripts/save-artifacts) > artifacts.tar",
            "rm " + save,
            "create " + builder + " from " + names.builderBase(),
            "cp empty " + builder + ":/tmp/artifacts",
            "cp - " + builder + ":/tmp/artifacts",
            "start " + builder + " (/tmp/scripts/assemble)",
            "commit " + builder + " " + names.builderOutput(),
            "tag " + names.builderOutput() + " " + names.builderCache());
    assertThat(report.builder().start().origin()).isEqualTo(StartImage.Origin.BASE_INCREMENTAL);
    assertThat(report.builder().layers()).isEqualTo(3);
  }

  @Test
  void aMissingDockerfileIsExitCode2BeforeTheEngineIsAsked() throws IOException {
    Files.delete(project.resolve("deploy/Dockerfile.runtime"));

    assertThatThrownBy(() -> build(options()))
        .isInstanceOfSatisfying(
            MissingInputException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.getMessage())
                  .startsWith(
                      "the runtime Dockerfile not found: "
                          + project.resolve("deploy/Dockerfile.runtime"));
            });
    assertThat(engine.calls).isEmpty();
  }
}
