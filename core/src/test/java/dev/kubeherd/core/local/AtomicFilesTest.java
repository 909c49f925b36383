package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aDirectorySyncThatDidNotHappenIsAFailureNotASilentSuccess() {
    AtomicFiles.syncDirectory(dir); // fine

    Thread.currentThread().interrupt(); // as JournaledIntake.close() does to its retirer
    try {
      assertThatThrownBy(() -> AtomicFiles.syncDirectory(dir))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("Could not sync directory " + dir)
          .hasMessageContaining("may not be durable");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void writeReplacesTheWholeContent() throws IOException {
    Path file = dir.resolve("status.json");
    AtomicFiles.write(file, bytes("a much longer first version"));

    AtomicFiles.write(file, bytes("short"));

    assertThat(file).hasContent("short");
  }

  @Test
  void writeLeavesNoTempFileBehind() throws IOException {
    AtomicFiles.write(dir.resolve("a.json"), bytes("1"));
    AtomicFiles.write(dir.resolve("a.json"), bytes("2"));

    assertThat(entries()).containsExactly("a.json");
  }

  @Test
  void createExclusiveCreatesOnlyWhenAbsent() throws IOException {
    Path file = dir.resolve("claim");

    assertThat(AtomicFiles.createExclusive(file, bytes("first"))).isTrue();
    assertThat(AtomicFiles.createExclusive(file, bytes("second"))).isFalse();

    assertThat(file).hasContent("first");
    assertThat(entries()).containsExactly("claim");
  }

  @Test
  void tempFilesAreRecognisedSoReadersCanSkipThem() {
    Path temp = AtomicFiles.tempFor(dir.resolve("brigade-x.json"));

    assertThat(temp.getParent()).isEqualTo(dir);
    assertThat(temp.getFileName().toString()).startsWith(".brigade-x.json.").endsWith(".tmp");
    assertThat(AtomicFiles.isTemp(temp)).isTrue();
    assertThat(AtomicFiles.isTemp(dir.resolve("brigade-x.json"))).isFalse();
  }

  private List<String> entries() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
