package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory-specific behaviour; the port behaviour is in test-support's contract tests. */
class DirectoryLogStoreTest {
  @TempDir Path tmp;

  private String createBuild() {
    return new DirectoryBuildStore(new LocalHome(tmp), Clock.systemUTC())
        .create(BuildRequest.of("brigade-p", "exec", "brigade-cli"))
        .id();
  }

  private DirectoryLogStore store() {
    return new DirectoryLogStore(new LocalHome(tmp));
  }

  @Test
  void logIsAFilePerSourceUnderTheBuildsLogsDirectory() {
    String id = createBuild();
    try (LogSink log = store().open(id, LogStore.WORKER)) {
      log.line("hi");
    }

    assertThat(tmp.resolve("builds/" + id + "/logs/worker.log")).hasContent("hi");
  }

  @Test
  void openingALogOfAnUnknownBuildThrowsBuildNotFound() {
    assertThatThrownBy(() -> store().open("01hzzzzzzzzzzzzzzzzzzzzzzz", LogStore.WORKER))
        .isInstanceOf(BuildNotFoundException.class)
        .hasMessageContaining("01hzzzzzzzzzzzzzzzzzzzzzzz");
  }

  @Test
  void writingToAClosedLogFailsWithAHint() {
    LogSink log = store().open(createBuild(), LogStore.WORKER);
    log.close();
    log.close();

    assertThatThrownBy(() -> log.line("late"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("open it again");
  }

  @Test
  void readLeavesOutAMultiByteCharacterNotFullyWrittenYet() {
    byte[] whole = "ok é €".getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(whole, whole.length - 1);

    assertThat(DirectoryLogStore.decodeWholeChars(whole)).isEqualTo("ok é €");
    assertThat(DirectoryLogStore.decodeWholeChars(cut)).isEqualTo("ok é ");
    assertThat(DirectoryLogStore.decodeWholeChars(new byte[0])).isEmpty();
  }
}
