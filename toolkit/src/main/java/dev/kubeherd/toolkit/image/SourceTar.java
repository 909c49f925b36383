package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The build context as the build containers get it at {@code /tmp/src}: a tar of its files without
 * any {@code .git}. A checkout's {@code .git/config} can hold a credential (a CI checkout keeps its
 * token there as an {@code http.extraheader}), which would otherwise sit in the builder layer and
 * its pushed cache; the build needs no history (the image's revision label comes from this side).
 * Packed by the system's {@code tar}, which keeps modes, links and long names.
 */
final class SourceTar {
  static final String FILE = "source.tar";
  private static final long TIMEOUT_MINUTES = 10;

  private SourceTar() {}

  /**
   * Packs {@code context} into {@code dir}/{@value #FILE}.
   *
   * @throws ImageBuildException when {@code tar} is missing or fails, saying which and why
   */
  static Path write(Path context, Path dir) {
    Path tar = dir.resolve(FILE);
    List<String> command =
        List.of(
            "tar",
            "-C",
            context.toAbsolutePath().toString(),
            "--exclude=.git",
            "-cf",
            tar.toAbsolutePath().toString(),
            ".");
    Path errors = dir.resolve(FILE + ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(errors.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new ImageBuildException(
            "packing the build context " + context + " took over " + TIMEOUT_MINUTES + " minutes");
      }
      if (process.exitValue() != 0) {
        throw new ImageBuildException(
            "could not pack the build context "
                + context
                + " (tar exited with "
                + process.exitValue()
                + ": "
                + lastLine(errors)
                + ")");
      }
      return tar;
    } catch (IOException e) {
      throw new ImageBuildException(
          "could not run tar to pack the build context "
              + context
              + " ("
              + e.getMessage()
              + "); install tar (Debian: apt-get install tar)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while packing the build context " + context, e);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  private static String lastLine(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return lines.isEmpty() ? "no message" : lines.getLast().strip();
    } catch (IOException e) {
      return "no message";
    }
  }
}
