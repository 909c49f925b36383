package dev.kubeherd.core.local;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the JSON files of the directory stores; unreadable content is corrupt state. */
final class JsonFiles {
  private static final ObjectWriter WRITER =
      Json.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);
  private final JsonMapper mapper = Json.MAPPER;

  byte[] toBytes(Object value) {
    return WRITER.writeValueAsBytes(value);
  }

  /**
   * {@link #read}, for files that are often missing (a pending build's status, an unseen delivery):
   * a missing file costs a {@code stat} instead of a {@link NoSuchFileException} with its stack
   * trace, which the gateway paid several times per delivery. ({@link Files#notExists} would not
   * do: it throws and catches that exception itself.)
   */
  <T> Optional<T> readIfPresent(Path file, Class<T> type) {
    return mayExist(file) ? read(file, type) : Optional.empty();
  }

  /** False only when {@code file} is certainly missing; any other doubt is left to the read. */
  private static boolean mayExist(Path file) {
    try {
      return file.getFileSystem().provider().readAttributesIfExists(file, BasicFileAttributes.class)
          != null;
    } catch (IOException e) {
      return true; // e.g. a directory on the way cannot be searched: the read says so
    }
  }

  /**
   * The file's content, or empty when the file does not exist.
   *
   * @throws CorruptStateException naming the file when it exists but does not parse
   */
  <T> Optional<T> read(Path file, Class<T> type) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + file + ": " + e, e);
    }
    try {
      T value = mapper.readValue(bytes, type);
      if (value == null) {
        throw corrupt(file, "it holds JSON null", null);
      }
      return Optional.of(value);
    } catch (JacksonException e) {
      throw corrupt(file, e.getOriginalMessage(), e);
    }
  }

  /**
   * Parses content that did not come from a file (a journal record).
   *
   * @throws IllegalArgumentException when it does not parse
   */
  <T> T parse(byte[] content, Class<T> type) {
    try {
      T value = mapper.readValue(content, type);
      if (value == null) {
        throw new IllegalArgumentException("JSON null where a " + type.getSimpleName() + " was");
      }
      return value;
    } catch (JacksonException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  static CorruptStateException corrupt(Path file, String why, Throwable cause) {
    return new CorruptStateException("Cannot read " + file + ": " + why + FIX, cause);
  }

  /** The advice that ends the message of {@link #corrupt}. */
  private static final String FIX =
      ". Fix the file by hand or delete it (it may have been edited or damaged)";

  /** The message of {@code e} with the advice of {@link #corrupt} replaced by {@code fix}. */
  static String withFix(CorruptStateException e, String fix) {
    String message = e.getMessage();
    return message.endsWith(FIX)
        ? message.substring(0, message.length() - FIX.length()) + ". " + fix
        : message + ". " + fix;
  }

  /** Regular files in {@code dir} ending in {@code suffix}, skipping hidden and temp files. */
  static List<Path> filesIn(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + dir + ": " + e, e);
    }
  }
}
