package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tar archives made by the system's GNU tar, in its own ({@code gnu}) or the PAX format. */
final class TarFixture {
  private TarFixture() {}

  /**
   * {@code dir}'s contents ({@code ./…} paths) as {@code tar --format=FORMAT [OPTIONS]} writes
   * them.
   */
  static byte[] of(Path dir, String format, String... options)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir.getParent(), "fixture-", ".tar");
    List<String> command = new ArrayList<>(List.of("tar", "--format=" + format));
    command.addAll(List.of(options));
    command.addAll(List.of("-C", dir.toString(), "-cf", out.toString(), "."));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("tar failed: " + log);
    }
    byte[] tar = Files.readAllBytes(out);
    Files.delete(out);
    return tar;
  }
}
