package dev.kubeherd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  /** "é" then a lone 0xFF, which no UTF-8 text contains. */
  static final byte[] NOT_UTF8 = {'"', (byte) 0xc3, (byte) 0xa9, (byte) 0xff, '"'};

  @TempDir Path dir;

  @Test
  void readRefusesAFileThatIsNotUtf8NamingItAndWhatToDo() throws IOException {
    Path script = Files.write(dir.resolve("brigade.js"), NOT_UTF8);

    assertThatThrownBy(() -> TextFiles.read(script, "brigade.js"))
        .isInstanceOf(CliException.class)
        .hasMessage(
            "the brigade.js file " + script + " is not UTF-8 text; save it as UTF-8 and try again");
  }

  @Test
  void readLenientReplacesMalformedBytesAndSaysSo() throws IOException {
    Path payload = Files.write(dir.resolve("payload.bin"), NOT_UTF8);
    Path text = Files.writeString(dir.resolve("payload.json"), "\"é\"");

    assertThat(TextFiles.readLenient(payload, "payload"))
        .isEqualTo(new TextFiles.Decoded("\"é\uFFFD\"", false));
    assertThat(TextFiles.readLenient(text, "payload"))
        .isEqualTo(new TextFiles.Decoded("\"é\"", true));
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> TextFiles.readLenient(missing, "payload"))
        .hasMessage("the payload file " + missing + " does not exist");
  }
}
