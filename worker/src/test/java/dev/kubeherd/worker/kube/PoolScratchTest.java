package dev.kubeherd.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
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
    Files.write(
        Files.createDirectories(leftover(root, BUILD).resolve("src")).resolve("a"), new byte[100]);
    Files.write(
        Files.createDirectories(leftover(root, OTHER_BUILD).resolve("scratch/tmp")).resolve("b"),
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
    Files.createDirectories(leftover(root, BUILD).resolve("src"));
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
    Path checkout = Files.createDirectories(leftover(root, BUILD).resolve("src"));
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
    Path running = Files.createDirectories(leftover(root, BUILD).resolve("src"));
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

  @Test
  void aUsersProjectInTheScratchDirectoryIsLeftAloneWhileAMarkedLeftoverIsRemoved()
      throws Exception {
    Path root = Files.createDirectories(dir.resolve("work")); // --scratch ~/work
    Path mine = Files.createDirectories(root.resolve("my-app/src/main/java"));
    Files.writeString(mine.resolve("App.java"), "class App {}");
    Files.createDirectories(root.resolve("my-app/scratch"));
    Files.createDirectories(leftover(root, BUILD).resolve("src"));

    try (PoolScratch held = PoolScratch.hold(root)) {
      assertThat(root.resolve("my-app/src/main/java/App.java")).hasContent("class App {}");
      assertThat(root.resolve("my-app/scratch")).isDirectory();
      assertThat(root.resolve(BUILD)).doesNotExist();
    }
  }

  @Test
  void aDirectoryPodWorkspacesPreparedIsMarkedAsABuildDirectory() throws Exception {
    Path root = dir.resolve("scratch");
    Build build =
        new DirectoryBuildStore(new LocalHome(dir.resolve("home")), Clock.systemUTC())
            .create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));

    PodWorkspaces.perBuild(root).prepare(build, true);

    assertThat(root.resolve(build.id()).resolve(PodWorkspaces.MARKER)).isRegularFile();
    assertThat(LeftoverBuildDirs.removeFrom(root).directories()).isEqualTo(1);
    assertThat(root).isEmptyDirectory();
  }

  @Test
  void aScratchRootOthersCanWriteIsNotSwept() throws Exception {
    Path root = Files.createDirectories(dir.resolve("shared"));
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path planted = Files.createDirectories(leftover(root, BUILD).resolve("src"));

    LeftoverBuildDirs.Removed removed = LeftoverBuildDirs.removeFrom(root);

    assertThat(removed).isEqualTo(new LeftoverBuildDirs.Removed(0, 0));
    assertThat(planted).isDirectory();
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(LeftoverBuildDirs.removeFrom(root).directories()).as("once private").isEqualTo(1);
    assertThat(planted).doesNotExist();
  }

  @Test
  void twoPathsToOneScratchDirectoryInOneJvmBothHoldIt() throws Exception {
    Path root = Files.createDirectories(dir.resolve("scratch"));
    Path alias = Files.createSymbolicLink(dir.resolve("alias"), root);
    Files.createDirectories(leftover(root, BUILD).resolve("src"));

    try (PoolScratch first = PoolScratch.hold(root);
        PoolScratch second = PoolScratch.hold(alias)) {
      assertThat(second).hasToString("scratch directory " + root.toRealPath());
      assertThat(first).hasToString(second.toString());
      Files.createDirectories(leftover(root, OTHER_BUILD).resolve("src"));
    }
    try (PoolScratch again = PoolScratch.hold(alias)) {
      assertThat(root.resolve(OTHER_BUILD)).as("the lock was released: swept").doesNotExist();
    }
  }

  /** A build directory as {@link PodWorkspaces} makes it: marked, nothing else yet. */
  private static Path leftover(Path root, String build) throws Exception {
    Path made = Files.createDirectories(root.resolve(build));
    Files.writeString(made.resolve(PodWorkspaces.MARKER), "");
    return made;
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
