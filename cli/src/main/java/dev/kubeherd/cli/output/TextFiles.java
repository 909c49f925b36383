package dev.kubeherd.cli.output;

import dev.kubeherd.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes the files commands are given, failing with messages that name the file. */
public final class TextFiles {
  private TextFiles() {}

  /** The file as UTF-8 text; {@code what} says what it is for ("brigade.js", "payload"). */
  public static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CliException("the " + what + " file " + file + " does not exist");
    } catch (IOException e) {
      throw new CliException("could not read the " + what + " file " + file + ": " + e, e);
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
