package dev.kubeherd.core.local;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.JobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;

/** A build's job records as JSON lines, appended; reading keeps the last record of each job. */
final class JobRecordLog {
  private JobRecordLog() {}

  static void append(Path file, JobRecord job) {
    byte[] line = (Json.MAPPER.writeValueAsString(job) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not append to " + file + ": " + e, e);
    }
  }

  /** The last readable record per job name; unreadable lines are reported and skipped. */
  static Map<String, JobRecord> latest(Path file, Consumer<String> skipped) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Map.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e, e);
    }
    Map<String, JobRecord> latest = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        JobRecord r = Json.MAPPER.readValue(line, JobRecord.class);
        latest.put(r.name(), r);
      } catch (JacksonException e) {
        skipped.accept(
            "Cannot read line "
                + (i + 1)
                + " of "
                + file
                + ": "
                + e.getOriginalMessage()
                + ". Fix or delete that line (it may have been cut short by a crash)");
      }
    }
    return latest;
  }
}
