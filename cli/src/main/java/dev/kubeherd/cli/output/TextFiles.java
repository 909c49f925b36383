package dev.kubeherd.cli.output;

import dev.kubeherd.cli.CliException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes the files commands are given, failing with messages that name the file. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * A file's text and whether it was valid UTF-8; when it was not, each malformed byte sequence in
   * {@code text} is U+FFFD.
   */
  public record Decoded(String text, boolean wasUtf8) {}

  /**
   * The file as UTF-8 text; {@code what} says what it is for ("brigade.js", "project").
   *
   * @throws CliException naming the file when it is missing, unreadable or not UTF-8
   */
  public static String read(Path file, String what) {
    Decoded d = readLenient(file, what);
    if (!d.wasUtf8()) {
      throw new CliException(
          "the " + what + " file " + file + " is not UTF-8 text; save it as UTF-8 and try again");
    }
    return d.text();
  }

  /**
   * The file decoded as UTF-8 with malformed bytes replaced by U+FFFD, which is how a v1 worker
   * decoded the bytes brig stored (the event payload): any file is accepted.
   *
   * @throws CliException naming the file when it is missing or unreadable
   */
  public static Decoded readLenient(Path file, String what) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CliException("the " + what + " file " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException("could not read the " + what + " file " + file + ": " + e, e);
    }
    try {
      return new Decoded(
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(), true);
    } catch (CharacterCodingException e) {
      return new Decoded(new String(bytes, StandardCharsets.UTF_8), false);
    }
  }

  public static void write(Path file, String text, String what) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException("could not write the " + what + " file " + file + ": " + e, e);
    }
  }
}
