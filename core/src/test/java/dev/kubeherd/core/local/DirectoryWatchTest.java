package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatchTest {
  private static final Duration NOTICE = Duration.ofSeconds(10);

  @TempDir Path dir;

  @Test
  void theGenerationStaysWhileNothingInTheDirectoryChanges() throws Exception {
    Files.writeString(dir.resolve("a.json"), "{}");
    try (DirectoryWatch watch = DirectoryWatch.start(dir)) {
      long before = watch.generation();
      Files.readString(dir.resolve("a.json"));
      Thread.sleep(200);

      assertThat(watch.generation()).isEqualTo(before).isNotEqualTo(DirectoryWatch.UNWATCHED);
    }
  }

  @Test
  void theGenerationMovesWhenAnEntryIsCreatedModifiedRenamedOrDeleted() throws IOException {
    try (DirectoryWatch watch = DirectoryWatch.start(dir)) {
      Path file = dir.resolve("a.json");
      long created = changedBy(watch, () -> Files.writeString(file, "{}"));
      long modified = changedBy(watch, () -> Files.writeString(file, "{\"x\":1}"));
      Path temp = dir.resolve(".a.json.tmp");
      Files.writeString(temp, "{\"x\":2}");
      long renamed =
          changedBy(
              watch,
              () -> Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING));
      long deleted = changedBy(watch, () -> Files.delete(file));

      assertThat(new long[] {created, modified, renamed, deleted})
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void deletingTheDirectoryEndsTheWatch() throws IOException {
    Path watched = Files.createDirectory(dir.resolve("projects"));
    try (DirectoryWatch watch = DirectoryWatch.start(watched)) {
      Files.delete(watched);

      await().atMost(NOTICE).until(() -> watch.generation() == DirectoryWatch.UNWATCHED);
      Files.createDirectory(watched);
      assertThat(watch.generation()).isEqualTo(DirectoryWatch.UNWATCHED);
    }
  }

  @Test
  void aClosedWatchMatchesNoGeneration() {
    DirectoryWatch watch = DirectoryWatch.start(dir);
    watch.close();

    assertThat(watch.generation()).isEqualTo(DirectoryWatch.UNWATCHED);
  }

  @Test
  void aDirectoryThatDoesNotExistCannotBeWatchedAndSaysWhich() {
    Path missing = dir.resolve("missing");

    assertThatThrownBy(() -> DirectoryWatch.start(missing))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("Could not watch " + missing);
  }

  private interface Change {
    void make() throws IOException;
  }

  private static long changedBy(DirectoryWatch watch, Change change) throws IOException {
    long before = watch.generation();
    change.make();
    await().atMost(NOTICE).until(() -> watch.generation() > before);
    return watch.generation();
  }
}
