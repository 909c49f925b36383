package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.tools.ShutdownCleanup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The secrets of one builder run, in a fresh private directory under the work directory (mode 0700,
 * files 0600): {@code github/username} and {@code github/token}, and a copy of the SSH directory's
 * files ({@link SshDirCopy}: links inside it followed, as in a Kubernetes Secret volume). Each is
 * bind-mounted read-only ({@code /tmp/github}, {@code /root/.ssh}), so {@code assemble} can read
 * them and a commit never captures them. {@link #close()} deletes the directory, whatever happened,
 * and so does kubeherd being stopped before ({@link ShutdownCleanup}). Secret values are written
 * only here.
 */
final class BuildSecrets implements AutoCloseable {
  static final String GITHUB_TARGET = "/tmp/github";
  static final String SSH_TARGET = "/root/.ssh";
  private static final Set<PosixFilePermission> PRIVATE_DIR =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");

  private final Path dir;
  private final List<Mount> mounts;
  private final List<SecretValue> values;
  private final ShutdownCleanup.Registration onStop;

  private BuildSecrets(
      Path dir, List<Mount> mounts, List<SecretValue> values, ShutdownCleanup.Registration onStop) {
    this.dir = dir;
    this.mounts = List.copyOf(mounts);
    this.values = List.copyOf(values);
    this.onStop = onStop;
  }

  /** No secrets: nothing is written or mounted. */
  static BuildSecrets none() {
    return new BuildSecrets(null, List.of(), List.of(), () -> {});
  }

  /** As {@link #prepare(Path, Optional, String, Optional, Consumer)}, the token named plainly. */
  static BuildSecrets prepare(
      Path workDir,
      Optional<GithubCredentials> github,
      Optional<Path> sshDir,
      Consumer<String> warn) {
    return prepare(workDir, github, "the GitHub token", sshDir, warn);
  }

  /**
   * @param tokenName where the token came from ({@link GithubTokenSource#describe()}), for messages
   * @param warn receives a line for each link of the SSH directory that is skipped ({@link
   *     SshDirCopy})
   */
  static BuildSecrets prepare(
      Path workDir,
      Optional<GithubCredentials> github,
      String tokenName,
      Optional<Path> sshDir,
      Consumer<String> warn) {
    if (github.isEmpty() && sshDir.isEmpty()) {
      return none();
    }
    Path dir = null;
    ShutdownCleanup.Registration onStop = () -> {};
    try {
      Files.createDirectories(workDir);
      dir =
          Files.createTempDirectory(
              workDir, "secrets-", PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
      onStop = deleteOnStop("the build's secrets in " + dir, dir);
      List<Mount> mounts = new ArrayList<>();
      List<SecretValue> values = new ArrayList<>();
      if (github.isPresent()) {
        Path g = privateDir(dir.resolve("github"));
        privateFile(g.resolve("username"), github.get().username() + "\n");
        privateFile(g.resolve("token"), github.get().token() + "\n");
        mounts.add(Mount.readOnly(g, GITHUB_TARGET));
        values.add(SecretValue.ofText(tokenName, github.get().token()));
      }
      if (sshDir.isPresent()) {
        Path s = privateDir(dir.resolve("ssh"));
        SshDirCopy.copy(sshDir.get(), s, warn);
        mounts.add(Mount.readOnly(s, SSH_TARGET));
        values.addAll(SshSecrets.of(s, sshDir.get()));
      }
      return new BuildSecrets(dir, mounts, values, onStop);
    } catch (IOException | RuntimeException e) {
      onStop.close();
      if (dir != null) {
        delete(dir);
      }
      throw e instanceof IOException io
          ? new ImageBuildException("cannot prepare the build's secrets: " + io.getMessage(), io)
          : (RuntimeException) e;
    }
  }

  List<Mount> mounts() {
    return mounts;
  }

  /**
   * The name of the private directory the secrets are in (random per run), if any: a path with it
   * in a container's diff is a copy of the secrets.
   */
  Optional<String> dirName() {
    return Optional.ofNullable(dir).map(d -> d.getFileName().toString());
  }

  /**
   * The secret values mounted for the container: the token and the SSH directory's files that are
   * not public ({@link SshSecrets}); a layer must hold none of them.
   */
  List<SecretValue> values() {
    return values;
  }

  /** The container paths secrets are mounted at. */
  List<String> targets() {
    return mounts.stream().map(Mount::target).toList();
  }

  @Override
  public void close() {
    onStop.close();
    if (dir != null) {
      delete(dir);
    }
  }

  /** Deletes {@code dir} when kubeherd is stopped before the registration is closed. */
  static ShutdownCleanup.Registration deleteOnStop(String what, Path dir) {
    return ShutdownCleanup.register(what, () -> delete(dir));
  }

  static Path privateDir(Path p) throws IOException {
    return Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
  }

  private static void privateFile(Path p, String content) throws IOException {
    Files.createFile(p, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
    Files.writeString(p, content, StandardCharsets.UTF_8);
  }

  /** Copies {@code from} to a new file {@code to}, readable by the owner only. */
  static void privateCopy(Path from, Path to) throws IOException {
    Files.createFile(to, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
    Files.write(to, Files.readAllBytes(from));
  }

  /**
   * Deletes {@code root} and everything in it; what is gone already (deleted concurrently) is fine.
   */
  static void delete(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
              Files.deleteIfExists(f);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // gone already
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
