package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The six image names of a build, keyed by the Dockerfiles' md5, in both tag schemes. */
class ImageNamesTest {
  static final String B = "0cc175b9c0f1b6a831c399e269772661";
  static final String R = "92eb5ffee6ae2fec3ad71c777531578f";

  @Test
  void theMonoSchemeMakesEveryImageATagOfTheRepository() {
    ImageNames n =
        ImageNames.of("registry.example.com/app", "v1.2.0", "cache", TagScheme.MONO, B, R);

    assertThat(n)
        .isEqualTo(
            new ImageNames(
                "registry.example.com/app:builder-" + B,
                "registry.example.com/app:builder-" + B + "-cache",
                "registry.example.com/app:builder-v1.2.0",
                "registry.example.com/app:runtime-" + R,
                "registry.example.com/app:runtime-" + R + "-cache",
                "registry.example.com/app:v1.2.0"));
  }

  @Test
  void theSplitSchemePutsBuilderAndRuntimeInTheirOwnRepositories() {
    ImageNames n =
        ImageNames.of("registry.example.com/app", "v1.2.0", "layers", TagScheme.SPLIT, B, R);

    assertThat(n)
        .isEqualTo(
            new ImageNames(
                "registry.example.com/app/builder:" + B,
                "registry.example.com/app/builder:" + B + "-layers",
                "registry.example.com/app/builder:v1.2.0",
                "registry.example.com/app/runtime:" + R,
                "registry.example.com/app/runtime:" + R + "-layers",
                "registry.example.com/app:v1.2.0"));
  }

  @Test
  void aDockerfileChangeChangesOnlyThatStagesChain(@TempDir Path dir) throws IOException {
    Path builder = Files.writeString(dir.resolve("Dockerfile.builder"), "FROM ruby:3.3\n");
    Path runtime = Files.writeString(dir.resolve("Dockerfile.runtime"), "FROM ruby:3.3-slim\n");
    ImageNames before = names(builder, runtime);

    Files.writeString(builder, "FROM ruby:3.3\nRUN apk add build-base\n");
    ImageNames after = names(builder, runtime);

    assertThat(after.builderCache()).isNotEqualTo(before.builderCache());
    assertThat(after.builderBase()).isNotEqualTo(before.builderBase());
    assertThat(after.runtimeCache()).isEqualTo(before.runtimeCache());
  }

  @Test
  void theHashIsTheMd5sumOfTheDockerfilesBytes() {
    assertThat(ContentHash.md5("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(B);
    assertThat(ContentHash.md5(new byte[0])).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void tagSchemesAreReadInAnyCase() {
    assertThat(TagScheme.of("Split")).isEqualTo(TagScheme.SPLIT);
    assertThatThrownBy(() -> TagScheme.of("multi"))
        .hasMessage("--tag-scheme must be mono or split, not multi");
  }

  private static ImageNames names(Path builder, Path runtime) {
    return ImageNames.of(
        "app", "dev", "cache", TagScheme.MONO, ContentHash.md5(builder), ContentHash.md5(runtime));
  }
}
