package dev.kubeherd.core.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.log.MaskingLogSink;
import dev.kubeherd.core.port.LogSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's output as bytes, cut at every byte offset (mid-character included) into two reads, goes
 * through the output pump and the masking sink into the stored log: the secrets never appear and
 * every other byte is kept.
 */
class OutputPumpMaskingTest {
  private static final String BUILD = "01hpumppumppumppumppumppum";

  @TempDir Path tmp;

  @Test
  void secretsSplitAtEveryByteOffsetNeverReachTheStoredLog() throws IOException {
    LocalHome home = new LocalHome(tmp);
    Files.createDirectories(home.buildDir(BUILD));
    DirectoryLogStore store = new DirectoryLogStore(home);
    Set<String> secrets = Set.of("tök-€-42", "s3cr3t🔑", "s3cr3t🔑-long");
    byte[] output =
        "deploy with tök-€-42\nkey s3cr3t🔑-long and s3cr3t🔑!\nünïcødé 🎉 end"
            .getBytes(StandardCharsets.UTF_8);
    byte[] expected =
        "deploy with ***\nkey *** and ***!\nünïcødé 🎉 end".getBytes(StandardCharsets.UTF_8);

    for (int cut = 0; cut <= output.length; cut++) {
      String source = "job-" + cut;
      try (LogSink sink = new MaskingLogSink(store.open(BUILD, source), secrets)) {
        new OutputPump(sink, source)
            .drain(
                new SequenceInputStream(
                    new ByteArrayInputStream(Arrays.copyOfRange(output, 0, cut)),
                    new ByteArrayInputStream(Arrays.copyOfRange(output, cut, output.length))));
      }

      assertThat(Files.readAllBytes(home.logsDir(BUILD).resolve(source + ".log")))
          .as("output cut at byte %d", cut)
          .isEqualTo(expected);
    }
  }
}
