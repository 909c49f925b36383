package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code image inspect} answers of podman and docker read into {@link ImageInfo}. */
class ImageInfoTest {
  @Test
  void readsPodmansLayersLabelsCreationAndWorkingDirectory() throws IOException {
    ImageInfo info = ImageInfo.parse(fixture("podman"));

    assertThat(info.id()).startsWith("8f6484578");
    assertThat(info.layers()).hasSize(3).first().asString().startsWith("sha256:909aeef0");
    assertThat(info.created()).isEqualTo(Instant.parse("2026-11-26T00:54:15.223633536Z"));
    assertThat(info.workingDir()).isEqualTo("/app");
    assertThat(info.label(ImageLabels.REVISION)).contains("3f2c1d0");
    assertThat(info.label(ImageLabels.CHAIN_STARTED)).contains("2026-11-20T08:00:00Z");
  }

  @Test
  void readsDockersAnswerWithoutLabelsOrWorkingDirectory() throws IOException {
    ImageInfo info = ImageInfo.parse(fixture("docker"));

    assertThat(info.id()).startsWith("sha256:3b25b682");
    assertThat(info.layers()).hasSize(2);
    assertThat(info.created()).isEqualTo(Instant.parse("2025-06-02T09:15:42.5Z"));
    assertThat(info.labels()).isEmpty();
    assertThat(info.workingDir()).isEqualTo("/");
  }

  @Test
  void countsTheLayersALaterImageStacksOnThisOne() {
    ImageInfo cache = new ImageInfo("a", List.of("l1", "l2", "l3"), Instant.EPOCH, Map.of(), "/");
    ImageInfo next =
        new ImageInfo("b", List.of("l1", "l2", "l3", "l4"), Instant.EPOCH, Map.of(), "/");
    ImageInfo fresh = new ImageInfo("c", List.of("l1", "l9"), Instant.EPOCH, Map.of(), "/");

    assertThat(cache.sharedLayers(next)).isEqualTo(3);
    assertThat(cache.sharedLayers(fresh)).isEqualTo(1);
  }

  @Test
  void refusesAnAnswerWithoutAnImage() {
    assertThatThrownBy(() -> ImageInfo.parse("[]"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image inspect printed no image");
    assertThatThrownBy(() -> ImageInfo.parse("Error: no such image"))
        .hasMessageStartingWith("image inspect did not print JSON");
  }

  private static String fixture(String engine) throws IOException {
    try (InputStream in =
        ImageInfoTest.class.getResourceAsStream("ImageInfoTest." + engine + ".json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
