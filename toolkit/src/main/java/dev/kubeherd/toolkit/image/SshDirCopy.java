package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Copies an SSH directory's regular files and directories into the build's private secrets
 * directory. A link is followed when it resolves inside the SSH directory: a Kubernetes Secret
 * volume holds {@code id_ed25519 -> ..data/id_ed25519} and {@code ..data -> ..<timestamp>/}. The
 * volume's own {@code ..}-named entries are not copied; a link out of the directory or a dangling
 * one is skipped with a warning; sockets and the like are skipped. A directory reached again
 * through a link (such as {@code current -> keys}) is copied at each place; only a link to a
 * directory being copied around it (a cycle) is skipped, with a warning.
 */
final class SshDirCopy {
  private final Path root;
  private final Consumer<String> warn;

  /** The real paths of the directories being copied, outermost first. */
  private final Deque<Path> ancestors = new ArrayDeque<>();

  private SshDirCopy(Path root, Consumer<String> warn) {
    this.root = root;
    this.warn = warn;
  }

  /**
   * @param warn receives a line for each link that is skipped (paths only)
   */
  static void copy(Path sshDir, Path to, Consumer<String> warn) throws IOException {
    new SshDirCopy(sshDir.toRealPath(), warn).copyDir(sshDir, to);
  }

  private void copyDir(Path dir, Path to) throws IOException {
    ancestors.push(dir.toRealPath());
    try {
      List<Path> entries;
      try (Stream<Path> s = Files.list(dir)) {
        entries = s.sorted().toList();
      }
      for (Path entry : entries) {
        copyEntry(entry, to.resolve(entry.getFileName().toString()));
      }
    } finally {
      ancestors.pop();
    }
  }

  private void copyEntry(Path entry, Path target) throws IOException {
    if (entry.getFileName().toString().startsWith("..")) {
      return;
    }
    Optional<Path> source = Files.isSymbolicLink(entry) ? linkedInside(entry) : Optional.of(entry);
    if (source.isEmpty()) {
      return;
    }
    BasicFileAttributes a =
        Files.readAttributes(source.get(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (a.isRegularFile()) {
      BuildSecrets.privateCopy(source.get(), target);
    } else if (a.isDirectory() && ancestors.contains(source.get().toRealPath())) {
      warn.accept(
          "skipping "
              + entry
              + " of the SSH directory: it links to "
              + source.get()
              + ", a directory that contains it");
    } else if (a.isDirectory()) {
      BuildSecrets.privateDir(target);
      copyDir(source.get(), target);
    }
  }

  /** Where {@code link} leads, when that is inside the SSH directory. */
  private Optional<Path> linkedInside(Path link) {
    Path real;
    try {
      real = link.toRealPath();
    } catch (IOException e) {
      warn.accept("skipping " + link + " of the SSH directory: the link leads nowhere");
      return Optional.empty();
    }
    if (!real.startsWith(root)) {
      warn.accept(
          "skipping "
              + link
              + " of the SSH directory: it links to "
              + real
              + ", outside the directory");
      return Optional.empty();
    }
    return Optional.of(real);
  }
}
