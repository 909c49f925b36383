package dev.kubeherd.core.local;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.core.port.LogStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs as files {@code builds/<id>/logs/<source>.log} under the {@link LocalHome}. Appends from
 * several threads or processes keep each write whole; readers see text as soon as it is written.
 * Sources are ordered worker first, then by file creation time (the time a job started logging),
 * then name.
 */
public final class DirectoryLogStore implements LogStore {
  private static final String SUFFIX = ".log";

  private final LocalHome home;

  /** Log directories already checked and created: opening a job's log is then one file open. */
  private final Set<Path> knownLogDirs = ConcurrentHashMap.newKeySet();

  public DirectoryLogStore(LocalHome home) {
    this.home = home;
  }

  /**
   * @throws BuildNotFoundException when the build's directory does not exist
   * @throws IllegalArgumentException when {@code source} cannot be a file name
   */
  @Override
  public LogSink open(String buildId, String source) {
    Path file = logFile(buildId, source);
    if (knownLogDirs.contains(file.getParent())) {
      return new FileLogSink(file, WORKER.equals(source));
    }
    if (!Files.isDirectory(home.buildDir(buildId))) {
      throw new BuildNotFoundException(
          "Cannot open log "
              + source
              + ": build "
              + buildId
              + " not found in "
              + home.buildsDir()
              + "; create the build first");
    }
    LocalHome.ensureDir(file.getParent());
    knownLogDirs.add(file.getParent());
    return new FileLogSink(file, WORKER.equals(source));
  }

  @Override
  public String read(String buildId, String source) {
    Path file = logFile(buildId, source);
    try {
      return decodeWholeChars(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read log " + file + ": " + e, e);
    }
  }

  @Override
  public List<String> sources(String buildId) {
    List<Path> files = new ArrayList<>(JsonFiles.filesIn(home.logsDir(buildId), SUFFIX));
    files.sort(
        Comparator.comparing((Path f) -> !sourceOf(f).equals(WORKER))
            .thenComparing(DirectoryLogStore::createdAt)
            .thenComparing(DirectoryLogStore::sourceOf));
    return files.stream().map(DirectoryLogStore::sourceOf).toList();
  }

  /** The log file's size: a finished log holds whole characters only, so it is its text's size. */
  @Override
  public OptionalLong storedBytes(String buildId, String source) {
    Path file = logFile(buildId, source);
    try {
      return OptionalLong.of(Files.size(file));
    } catch (NoSuchFileException e) {
      return OptionalLong.of(0);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the size of log " + file + ": " + e, e);
    }
  }

  private Path logFile(String buildId, String source) {
    return home.logsDir(buildId).resolve(LocalHome.checkName("log source", source) + SUFFIX);
  }

  private static String sourceOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - SUFFIX.length());
  }

  private static FileTime createdAt(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).creationTime();
    } catch (IOException e) {
      return FileTime.fromMillis(Long.MAX_VALUE); // vanished meanwhile: sort last
    }
  }

  /**
   * Decodes UTF-8, leaving out a multi-byte character whose bytes are not all written yet (a reader
   * racing a writer), so following a log never shows a replacement character mid-stream.
   */
  static String decodeWholeChars(byte[] bytes) {
    int end = bytes.length;
    int lead = end - 1;
    while (lead >= 0 && lead > end - 4 && (bytes[lead] & 0xC0) == 0x80) {
      lead--;
    }
    if (lead >= 0) {
      int b = bytes[lead] & 0xFF;
      int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
      if (end - lead < needed) {
        end = lead;
      }
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }
}
