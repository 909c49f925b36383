package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.CorruptStateException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
  private final JsonFiles json = new JsonFiles();

  @TempDir Path tmp;

  @Test
  void aMissingFileReadsAsEmpty() {
    assertThat(json.readIfPresent(tmp.resolve("status.json"), Map.class)).isEmpty();
  }

  @Test
  void aPresentFileIsRead() throws Exception {
    Files.writeString(tmp.resolve("status.json"), "{\"phase\":\"Running\"}");

    assertThat(json.readIfPresent(tmp.resolve("status.json"), Map.class))
        .contains(Map.of("phase", "Running"));
  }

  @Test
  void aPathThatCannotBeLookedUpFailsInsteadOfReadingAsMissing() throws Exception {
    Files.writeString(tmp.resolve("builds"), "a file where a directory should be");

    assertThatThrownBy(() -> json.readIfPresent(tmp.resolve("builds/b-1/status.json"), Map.class))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("builds");
  }

  @Test
  void aDamagedFileIsCorruptStateNamingIt() throws Exception {
    Files.writeString(tmp.resolve("status.json"), "{not json");

    assertThatThrownBy(() -> json.readIfPresent(tmp.resolve("status.json"), Map.class))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining("status.json");
  }
}
