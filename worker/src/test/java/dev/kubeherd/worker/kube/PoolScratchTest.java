package dev.kubeherd.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pool replica's scratch directory at its start, on a real temporary directory. */
class PoolScratchTest {
  static final String BUILD = "01jd0000000000000000000000";
  static final String OTHER_BUILD = "01jd0000000000000000000001";

  @TempDir Path dir;

  @Test
  void theBuildDirectoriesAnEndedProcessLeftAreRemovedAndCounted() throws Exception {
    Path root = dir.resolve("scratch");
    Files.write(Files.createDirectories(root.resolve(BUILD + "/src")).resolve("a"), new byte[100]);
    Files.write(
        Files.createDirectories(root.resolve(OTHER_BUILD + "/scratch/tmp")).resolve("b"),
        new byte[23]);

    LeftoverBuildDirs.Removed removed = LeftoverBuildDirs.removeFrom(root);

    assertThat(removed).isEqualTo(new LeftoverBuildDirs.Removed(2, 123));
    assertThat(root).isEmptyDirectory();
  }

  @Test
  void entriesThatAreNotPerBuildDirectoriesAreLeftAlone() throws Exception {
    Path root = Files.createDirectories(dir.resolve("scratch"));
    Files.writeString(root.resolve("notes.txt"), "mine");
    Files.writeString(Files.createDirectories(root.resolve("cache")).resolve("data"), "mine");
    Files.createDirectories(root.resolve("empty"));
    Files.createDirectories(root.resolve(BUILD + "/src"));
    Files.writeString(root.resolve(BUILD + "/keep.txt"), "not kubeherd's layout");
    Files.createDirectories(root.resolve(".hidden/src"));
    Path outside = Files.createDirectories(dir.resolve("outside/src"));
    Files.writeString(outside.resolve("file"), "outside");
    Files.createSymbolicLink(root.resolve(OTHER_BUILD), outside.getParent());

    try (PoolScratch held = PoolScratch.hold(root)) {
      assertThat(root.resolve("notes.txt")).hasContent("mine");
      assertThat(root.resolve("cache/data")).hasContent("mine");
      assertThat(root.resolve("empty")).isEmptyDirectory();
      assertThat(root.resolve(BUILD + "/src")).isDirectory();
      assertThat(root.resolve(BUILD + "/keep.txt")).exists();
      assertThat(root.resolve(".hidden/src")).isDirectory();
      assertThat(root.resolve(OTHER_BUILD)).isSymbolicLink();
      assertThat(outside.resolve("file")).hasContent("outside");
    }
  }

  @Test
  void aSymlinkInALeftoverCheckoutIsRemovedAsALinkWithoutTouchingItsTarget() throws Exception {
    Path root = dir.resolve("scratch");
    Path checkout = Files.createDirectories(root.resolve(BUILD + "/src"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("file"), "outside");
    Files.createSymbolicLink(checkout.resolve("to-dir"), outside);
    Files.createSymbolicLink(checkout.resolve("to-file"), outside.resolve("file"));

    try (PoolScratch held = PoolScratch.hold(root)) {
      assertThat(root.resolve(BUILD)).doesNotExist();
      assertThat(outside.resolve("file")).hasContent("outside");
    }
  }

  @Test
  void aScratchDirectoryAnotherLiveProcessUsesKeepsItsBuildDirectories() throws Exception {
    Path root = Files.createDirectories(dir.resolve("scratch"));
    Path running = Files.createDirectories(root.resolve(BUILD + "/src"));
    Process other = holdingProcess(root.resolve(PoolScratch.LOCK_FILE));
    try {
      try (PoolScratch held = PoolScratch.hold(root)) {
        assertThat(running).isDirectory();
      }
    } finally {
      other.destroy();
      assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (PoolScratch held = PoolScratch.hold(root)) {
      assertThat(root.resolve(BUILD)).doesNotExist(); // its process has ended
    }
  }

  /** A JVM holding a shared lock on {@code lockFile}, as a live pool process does. */
  private Process holdingProcess(Path lockFile) throws Exception {
    Path source = dir.resolve("Hold.java");
    Files.writeString(
        source,
        """
        import java.nio.channels.FileChannel;
        import java.nio.file.*;
        public class Hold {
          public static void main(String[] args) throws Exception {
            FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
            ch.lock(0, Long.MAX_VALUE, true);
            System.out.println("held");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
          }
        }
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, source.toString(), lockFile.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).isEqualTo("held");
    return p;
  }
}
