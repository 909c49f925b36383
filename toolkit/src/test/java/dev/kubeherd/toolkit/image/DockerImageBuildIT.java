package dev.kubeherd.toolkit.image;

import static dev.kubeherd.toolkit.image.EngineProbe.layers;
import static dev.kubeherd.toolkit.image.EngineProbe.newLayers;
import static dev.kubeherd.toolkit.image.EngineProbe.outputLayers;
import static dev.kubeherd.toolkit.image.EngineProbe.podman;
import static dev.kubeherd.toolkit.image.EngineProbe.runImage;
import static dev.kubeherd.toolkit.image.EngineProbe.tagsInRegistry;
import static dev.kubeherd.toolkit.image.ImageBuildItProject.KEY_BODY;
import static dev.kubeherd.toolkit.image.ImageBuildItProject.RANDOM;
import static dev.kubeherd.toolkit.image.ImageBuildItProject.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd build dockerimage} on a real engine: podman, the busybox base image and the
 * loopback registry prepared by {@code bin/container-engine-setup} (run by {@code bin/test}). The
 * methods run in order on one repository: a first build pushes everything; a second build on a
 * machine without local images pulls the caches and adds one layer per stage (measured); every
 * layer of the saved images is searched for the secrets; the layer-growth guard starts a fresh
 * chain; an incremental build restores saved artifacts; an unreachable registry fails with exit
 * code 3 and keeps the image (that build starts from local caches tagged beforehand, so it pulls
 * nothing). Failing {@code assemble} steps are {@link DockerImageBuildFailuresIT}. The engine
 * client is wrapped to log every call's arguments and environment, which must never hold a secret.
 */
@TestMethodOrder(OrderAnnotation.class)
class DockerImageBuildIT {
  @TempDir static Path tmp;
  private static ImageBuildItProject it;
  private static String baseImage;
  private static String registry;
  private static String repository;
  private static Path project;
  private static CliEngine engine;
  private static ImageBuildReport first;
  private static ImageBuildReport second;
  private static List<String> firstFinalLayers = List.of();

  @BeforeAll
  static void needsTheTestEngine() throws IOException {
    it = ImageBuildItProject.create(tmp, "");
    baseImage = it.baseImage;
    registry = it.registry;
    repository = it.repository;
    project = it.project;
    engine = it.engine;
  }

  @AfterAll
  static void removeTheImages() throws Exception {
    it.removeImages();
  }

  @Test
  @Order(1)
  void aFirstBuildMakesBothStagesAndPushesCachesThenTheImageToTheRegistry() throws Exception {
    List<String> lines = new ArrayList<>();
    first = it.build(it.options("v1").push(true).pushCache(true), lines);
    ImageNames n = first.names();

    assertThat(first.pushed()).containsExactly(n.builderCache(), n.runtimeCache(), n.finalImage());
    assertThat(tagsInRegistry(registry, repository))
        .contains(
            "v1",
            "builder-" + ContentHash.md5(project.resolve("deploy/Dockerfile.builder")) + "-cache",
            "runtime-" + ContentHash.md5(project.resolve("deploy/Dockerfile.runtime")) + "-cache");
    assertThat(first.builder().base().origin()).isEqualTo("built");
    assertThat(first.builder().start().origin()).isEqualTo(StartImage.Origin.BASE_AS_CACHE);
    assertThat(String.join("\n", lines))
        .contains(
            "github token for kubeherd-bot mounted", "ssh key mounted", "builder run number 1")
        .contains("no secret value in the ")
        .doesNotContain(TOKEN, KEY_BODY)
        .doesNotContain("the builder got the checkout's .git")
        .doesNotContain("the runtime assemble got the checkout's .git");
    assertThat(runImage(n.finalImage())).isEqualTo("app hello, deps rails-7.1, builder runs 1");
    ImageInfo info = engine.inspect(n.finalImage()).orElseThrow();
    firstFinalLayers = info.layers();
    assertThat(info.labels())
        .containsEntry(ImageLabels.REVISION, "3f2c1d0")
        .containsEntry(
            ImageLabels.BASE_HASH, ContentHash.md5(project.resolve("deploy/Dockerfile.runtime")));
    assertThat(info.labels().keySet()).contains(ImageLabels.CREATED, ImageLabels.CHAIN_STARTED);
  }

  @Test
  @Order(2)
  void aSecondBuildWithoutLocalImagesPullsTheCachesAndAddsOneLayerPerStage() throws Exception {
    ImageNames n = first.names();
    Set<String> firstLayers = outputLayers(engine, n.builderOutput(), n.finalImage());
    int firstNew = newLayers(firstLayers, layers(engine, baseImage));
    podman(
        "rmi",
        "-i",
        n.builderBase(),
        n.builderCache(),
        n.builderOutput(),
        n.runtimeBase(),
        n.runtimeCache(),
        n.finalImage());

    second = it.build(it.options("v2").push(true).pushCache(true), new ArrayList<>());

    Set<String> secondLayers =
        outputLayers(engine, second.names().builderOutput(), second.names().finalImage());
    int secondNew = newLayers(secondLayers, firstLayers);
    int reused = secondLayers.size() - secondNew;
    System.out.printf(
        "layers: first build %d new; second build %d new, %d reused (builder %d of %d,"
            + " runtime %d of %d)%n",
        firstNew,
        secondNew,
        reused,
        second.builder().reusedLayers(),
        second.builder().layers(),
        second.runtime().reusedLayers(),
        second.runtime().layers());
    assertThat(second.builder().start().origin()).isEqualTo(StartImage.Origin.PULLED_CACHE);
    assertThat(second.runtime().start().origin()).isEqualTo(StartImage.Origin.PULLED_CACHE);
    assertThat(secondNew).as("one committed layer per stage").isEqualTo(2).isLessThan(firstNew);
    assertThat(second.runtime().layers()).isEqualTo(first.runtime().layers() + 1);
    assertThat(second.runtime().reusedLayers()).isEqualTo(first.runtime().layers());
    assertThat(layers(engine, second.names().finalImage()))
        .as("the final image stacks on the first one")
        .startsWith(firstFinalLayers.toArray(String[]::new));
    assertThat(runImage(second.names().finalImage()))
        .isEqualTo("app hello, deps rails-7.1, builder runs 2");
  }

  @Test
  @Order(3)
  void noLayerOfTheFinalBuilderOrCacheImagesHoldsTheTokenOrTheSshKey() throws Exception {
    ImageNames n = second.names();
    int scanned = 0;
    for (String image :
        List.of(n.finalImage(), n.runtimeCache(), n.builderOutput(), n.builderCache())) {
      Path tar = tmp.resolve("saved-" + scanned + ".tar");
      podman("save", "-o", tar.toString(), image);
      ImageArchive archive = ImageArchive.read(tar);
      assertThat(archive.layers()).hasSize(layers(engine, image).size());
      assertThat(archive.layersHolding(bytes("rails-7.1")))
          .as("the scan finds what the build did put in %s", image)
          .isNotEmpty();
      assertThat(archive.layersHolding(bytes(TOKEN))).as("token in %s", image).isEmpty();
      assertThat(archive.layersHolding(bytes(KEY_BODY))).as("ssh key in %s", image).isEmpty();
      assertThat(ImageArchive.indexOf(archive.config(), bytes(TOKEN))).isNegative();
      scanned += archive.layers().size();
      Files.delete(tar);
    }
    System.out.println(
        "secret scan: "
            + scanned
            + " layers of the final, runtime cache, builder and builder cache images, no secret bytes");
    assertThat(tmp.resolve("work")).isEmptyDirectory();
  }

  @Test
  @Order(4)
  void theLayerGuardStartsAFreshChainFromTheBaseWhenTheCacheHasTooManyLayers() {
    int cacheLayers = second.builder().layers();

    ImageBuildReport third =
        it.build(it.options("v3").maxCacheLayers(cacheLayers), new ArrayList<>());

    assertThat(third.builder().start().origin()).isEqualTo(StartImage.Origin.FRESH_CHAIN);
    assertThat(third.builder().start().reason()).contains("--max-cache-layers " + cacheLayers);
    assertThat(third.builder().layers())
        .isEqualTo(third.builder().base().info().layers().size() + 1);
    assertThat(runImage(third.names().finalImage())).endsWith("builder runs 1");
  }

  @Test
  @Order(5)
  void anIncrementalBuildRestoresTheSavedArtifactsOnTheBase() {
    List<String> lines = new ArrayList<>();
    ImageBuildReport inc = it.build(it.options("v4").incremental(true), lines);

    assertThat(String.join("\n", lines)).contains("saving /deps", "restored artifacts");
    assertThat(inc.builder().start().origin()).isEqualTo(StartImage.Origin.BASE_INCREMENTAL);
    assertThat(inc.builder().layers()).isEqualTo(inc.builder().base().info().layers().size() + 1);
    assertThat(runImage(inc.names().finalImage())).endsWith("builder runs 2");
  }

  @Test
  @Order(6)
  void anUnreachableRegistryFailsWithExitCode3AfterTheBuildAndKeepsTheImage() throws Exception {
    String unreachable = "127.0.0.1:9/kubeherd-it/app-" + RANDOM;
    ImageBuildOptions.Builder options = it.options("v1").repository(unreachable).push(true);
    ImageNames here = second.names();
    ImageNames there = options.build().names();
    it.made(there);
    podman("tag", here.builderBase(), there.builderBase());
    podman("tag", here.builderCache(), there.builderCache());
    podman("tag", here.runtimeBase(), there.runtimeBase());
    podman("tag", here.runtimeCache(), there.runtimeCache());

    assertThatThrownBy(() -> it.build(options, new ArrayList<>()))
        .isInstanceOfSatisfying(
            PushFailedException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ImageExitCodes.PUSH_FAILED);
              assertThat(e.getMessage())
                  .contains("pushing " + unreachable + ":v1 failed", "kept locally");
              assertThat(e.report().pushed()).isEmpty();
              assertThat(e.report().builder().start().origin())
                  .isEqualTo(StartImage.Origin.LOCAL_CACHE);
            });
    assertThat(runImage(unreachable + ":v1")).startsWith("app hello, deps rails-7.1, builder runs");
  }

  @Test
  @Order(7)
  void theEngineClientNeverGotASecretInAnArgumentOrVariable() throws IOException {
    String calls = Files.readString(it.engineLog);

    assertThat(calls).contains("argv: [create] [--name]", "argv: [commit]", "argv: [push]");
    assertThat(calls)
        .contains("CONTAINERS_CONF=")
        .doesNotContain("IT_GITHUB_TOKEN", "ANOTHER_COPY");
    assertThat(calls).doesNotContain(TOKEN, KEY_BODY);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
