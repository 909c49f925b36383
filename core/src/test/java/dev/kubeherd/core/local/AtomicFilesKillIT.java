package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL at a random moment never leaves a torn file. */
class AtomicFilesKillIT {
  @TempDir Path dir;
  @TempDir Path logs;

  @Test
  void fileRewrittenByAProcessKilledMidWriteIsAlwaysOneWholeGeneration() throws Exception {
    Path file = dir.resolve("status.json");
    for (int round = 0; round < 3; round++) {
      killWriterAtRandom(file);

      List<String> lines = Files.readAllLines(file);
      assertThat(lines).hasSize(AtomicWriterMain.LINES);
      assertThat(lines).containsOnly(lines.get(0));
      assertThat(JsonFiles.filesIn(dir, ".json")).containsExactly(file);
      assertThat(otherEntries(file)).allMatch(AtomicFiles::isTemp);
    }
  }

  private void killWriterAtRandom(Path file) throws Exception {
    Path stderr = logs.resolve("writer.err");
    Process writer = TestJvm.start(stderr, AtomicWriterMain.class, file.toString());
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).as("see %s", stderr).isEqualTo("writing");
      Thread.sleep(ThreadLocalRandom.current().nextInt(20, 200));
    } finally {
      writer.destroyForcibly();
      assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private List<Path> otherEntries(Path file) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> !p.equals(file)).toList();
    }
  }
}
