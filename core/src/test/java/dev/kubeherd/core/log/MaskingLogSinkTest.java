package dev.kubeherd.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.port.LogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Masking as a log is stored: the file on disk, read back as bytes. */
class MaskingLogSinkTest {
  private static final String BUILD = "01hmaskmaskmaskmaskmaskmas";
  private static final Set<String> SECRETS =
      Set.of("ghp_T0KEN-42", "hunter2", "pässwörd🔑", "ABCDEF", "ABC", "CDEFGH");

  @TempDir Path tmp;
  private LocalHome home;
  private DirectoryLogStore store;

  @BeforeEach
  void build() throws IOException {
    home = new LocalHome(tmp);
    Files.createDirectories(home.buildDir(BUILD));
    store = new DirectoryLogStore(home);
  }

  @Test
  void everySecretIsMaskedWhereverTheTextIsSplitInTwoWrites() throws IOException {
    String text =
        "token ghp_T0KEN-42 ok\nhunter2hunter2 ünï pässwörd🔑! ABCDEFGH ABCDE CDEFGH AB\nend 🎉";
    byte[] expected =
        "token *** ok\n****** ünï ***! ***GH ***DE *** AB\nend 🎉".getBytes(StandardCharsets.UTF_8);

    for (int cut = 0; cut <= text.length(); cut++) {
      String source = "split-" + cut;
      try (LogSink sink = masked(source)) {
        sink.write(text.substring(0, cut));
        sink.write(text.substring(cut));
      }

      assertThat(stored(source)).as("cut at char %d", cut).isEqualTo(expected);
    }
  }

  @Test
  void aSecretSplitAcrossManySmallWritesIsMasked() throws IOException {
    try (LogSink sink = masked("chars")) {
      for (char c : "say pässwörd🔑 and hunter2\n".toCharArray()) {
        sink.write(String.valueOf(c));
      }
    }

    assertThat(new String(stored("chars"), StandardCharsets.UTF_8)).isEqualTo("say *** and ***\n");
  }

  @Test
  void randomTextsSplitAtRandomPlacesKeepEveryByteButTheSecrets() throws IOException {
    Random random = new Random(9);
    List<String> secrets = List.copyOf(SECRETS);
    String[] filler = {" ", "\n", "x", "ü", "🎉", "log line ", "é\n"};
    for (int round = 0; round < 300; round++) {
      StringBuilder text = new StringBuilder();
      StringBuilder expected = new StringBuilder();
      for (int piece = random.nextInt(12); piece >= 0; piece--) {
        String f = filler[random.nextInt(filler.length)];
        text.append(f);
        expected.append(f);
        if (random.nextBoolean()) {
          text.append(secrets.get(random.nextInt(secrets.size())));
          expected.append(SecretMasker.MASK);
        }
      }
      String source = "random-" + round;
      try (LogSink sink = masked(source)) {
        for (String part : randomSplit(text.toString(), random)) {
          sink.write(part);
        }
      }

      assertThat(new String(stored(source), StandardCharsets.UTF_8))
          .as("text %s", text)
          .isEqualTo(expected.toString());
    }
  }

  @Test
  void aWholeLineIsStoredAtOnceSoLiveTailsKeepUp() throws IOException {
    try (LogSink sink = masked("live")) {
      sink.write("step 1 uses hunter2\nstep 2 starts ABCD");

      assertThat(new String(stored("live"), StandardCharsets.UTF_8))
          .isEqualTo("step 1 uses ***\nstep 2 starts ");
      sink.write("EF\n");
      assertThat(new String(stored("live"), StandardCharsets.UTF_8))
          .isEqualTo("step 1 uses ***\nstep 2 starts ***\n");
    }
  }

  @Test
  void aTextEndingInAPossibleSecretStartIsWrittenWhenTheLogCloses() throws IOException {
    LogSink sink = masked("tail");
    sink.write("the end: hunt");
    assertThat(new String(stored("tail"), StandardCharsets.UTF_8)).isEqualTo("the end: ");

    sink.close();

    assertThat(new String(stored("tail"), StandardCharsets.UTF_8)).isEqualTo("the end: hunt");
  }

  private LogSink masked(String source) {
    return new MaskingLogSink(store.open(BUILD, source), SECRETS);
  }

  private byte[] stored(String source) throws IOException {
    Path file = home.logsDir(BUILD).resolve(source + ".log");
    return Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
  }

  private static List<String> randomSplit(String text, Random random) {
    List<String> parts = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int end = Math.min(text.length(), at + random.nextInt(6));
      parts.add(text.substring(at, end));
      at = end;
    }
    return parts;
  }
}
