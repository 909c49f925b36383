package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The steps of {@link ImageBuild} against an engine in memory ({@link FakeEngine}): cache
 * resolution, the guard, the order of pushes, failure clean-up and how secrets reach the builder.
 */
class ImageBuildTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String TOKEN = "ghp_unitTokenValue42";

  @TempDir Path tmp;
  Path project;
  Path sshDir;
  Path work;
  final FakeEngine engine = new FakeEngine();
  final List<String> progress = new ArrayList<>();
  ImageNames names;

  @BeforeEach
  void aProject() throws IOException {
    project = TestProject.write(tmp.resolve("app"), "busybox", "deps-1");
    sshDir = Files.createDirectories(tmp.resolve("ssh"));
    Files.writeString(sshDir.resolve("id_ed25519"), "PRIVATE-KEY-BYTES\n");
    work = Files.createDirectories(tmp.resolve("work"));
    names = options().build().names();
  }

  ImageBuildOptions.Builder options() {
    return ImageBuildOptions.builder()
        .context(project)
        .repository("registry.example.com/team/app")
        .tag("v2")
        .gitSha("3f2c1d0")
        .sshDir(sshDir)
        .workDir(work);
  }

  ImageBuildReport build(ImageBuildOptions.Builder options) {
    return new ImageBuild(engine, engine, Clock.fixed(NOW, ZoneOffset.UTC), progress::add)
        .run(options.build(), Optional.of(new GithubCredentials("bot", TOKEN)));
  }

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
            "cp app " + builder + ":/tmp/src",
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
  void contentBelowASecretMountIsNeverCommitted() {
    engine.diffs.put("/tmp/scripts/assemble", List.of("A /tmp/github", "A /tmp/github/token"));

    assertThatThrownBy(() -> build(options()))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining(
            "assemble left /tmp/github/token in the container, below the secret mount /tmp/github");
    assertThat(engine.calls("commit")).isEmpty();
    assertThat(engine.containers).isEmpty();
  }

  @Test
  void secretsReachTheBuilderOnlyAsReadOnlyMountsOfAPrivateDirectoryDeletedAfterwards() {
    List<String> seen = new ArrayList<>();
    engine.duringRun =
        spec -> {
          for (Mount m : spec.mounts()) {
            try (var files = Files.list(m.source())) {
              files.forEach(
                  f -> {
                    try {
                      seen.add(
                          m.target() + "/" + f.getFileName() + "=" + Files.readString(f).strip());
                    } catch (IOException e) {
                      throw new AssertionError(e);
                    }
                  });
            } catch (IOException e) {
              throw new AssertionError(e);
            }
          }
        };

    build(options());

    ContainerSpec builder = spec(containerOf(names.builderCache()));
    assertThat(builder.mounts())
        .extracting(Mount::target)
        .containsExactly("/tmp/github", "/root/.ssh");
    assertThat(builder.mounts()).allMatch(Mount::readOnly);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "/tmp/github/username=bot",
            "/tmp/github/token=" + TOKEN,
            "/root/.ssh/id_ed25519=PRIVATE-KEY-BYTES");
    for (ContainerSpec spec : engine.created) {
      assertThat(String.join(" ", EngineCommands.create(spec)))
          .doesNotContain(TOKEN, "PRIVATE-KEY-BYTES");
    }
    assertThat(engine.created).filteredOn(s -> s != builder).allMatch(s -> s.mounts().isEmpty());
    assertThat(work).isEmptyDirectory();
    assertThat(progress).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void aWorkDirInsideTheContextIsRefusedBeforeAnySecretIsWritten() {
    Path inside = project.resolve(".kubeherd");

    assertThatThrownBy(() -> build(options().workDir(inside)))
        .isInstanceOfSatisfying(
            WorkDirInContextException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(1);
              assertThat(e.getMessage())
                  .contains("--work-dir " + inside + " is inside the build context " + project)
                  .contains("choose a --work-dir outside the context");
            });
    assertThat(inside).doesNotExist();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void withoutSecretsAWorkDirInsideTheContextIsAllowed() {
    Path inside = project.resolve(".tmp");

    ImageBuildReport report =
        new ImageBuild(engine, engine, Clock.fixed(NOW, ZoneOffset.UTC), progress::add)
            .run(options().sshDir(null).workDir(inside).build(), Optional.empty());

    assertThat(report.names().finalImage()).isEqualTo(names.finalImage());
    assertThat(engine.calls)
        .contains("start " + containerOf(names.builderCache()) + " (/tmp/scripts/assemble)");
  }

  @Test
  void withOnlyGithubCredentialsAWorkDirInsideTheContextIsRefused() {
    Path inside = project.resolve(".tmp");

    assertThatThrownBy(() -> build(options().sshDir(null).workDir(inside)))
        .isInstanceOf(WorkDirInContextException.class);
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void aWorkDirReachingIntoTheContextThroughALinkIsRefused() throws IOException {
    Path inside = Files.createDirectories(project.resolve("tmp"));
    Path link = Files.createSymbolicLink(tmp.resolve("work-link"), inside);

    assertThatThrownBy(() -> build(options().workDir(link.resolve("run"))))
        .isInstanceOf(WorkDirInContextException.class);
    assertThat(inside).isEmptyDirectory();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void aCopyOfTheSecretsDirectoryInTheBuildersChangesIsNeverCommitted() {
    engine.duringRun =
        spec -> {
          if (!spec.mounts().isEmpty()) {
            Path secretsDir = spec.mounts().getFirst().source().getParent();
            engine.diffs.put(
                "/tmp/scripts/assemble",
                List.of("A /tmp/src/cache/run/" + secretsDir.getFileName() + "/github/token"));
          }
        };

    assertThatThrownBy(() -> build(options()))
        .isInstanceOf(StepFailedException.class)
        .hasMessageContaining("a copy of the build's secrets directory; refusing to commit it");
    assertThat(engine.calls("commit")).isEmpty();
    assertThat(engine.containers).isEmpty();
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

  /** The name of the (first) container made from {@code image}. */
  private String containerOf(String image) {
    return engine.created.stream()
        .filter(s -> s.image().equals(image))
        .map(ContainerSpec::name)
        .findFirst()
        .orElse("<no container from " + image + ">");
  }

  private ContainerSpec spec(String container) {
    return engine.created.stream()
        .filter(s -> s.name().equals(container))
        .findFirst()
        .orElseThrow();
  }
}
