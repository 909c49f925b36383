package dev.kubeherd.toolkit.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.ignore.IgnoreNode.MatchResult;

/**
 * Whether git would ignore a path of a work tree, from the {@code .gitignore} files on the way to
 * it and {@code .git/info/exclude}, as git decides: the deepest file with a matching rule wins, a
 * later rule of a file over an earlier one. The path need not exist (it is asked before a file is
 * written there). The user's global excludes file is not read: a repository must ignore its own
 * secrets for every clone.
 */
public final class GitIgnores {
  private GitIgnores() {}

  /**
   * @return empty when {@code file} is not inside a git work tree, else whether it is ignored
   */
  public static Optional<Boolean> ignored(Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    Optional<Path> top = workTree(abs.getParent());
    if (top.isEmpty()) {
      return Optional.empty();
    }
    Path root = top.get();
    Path dir = abs.getParent();
    while (true) {
      MatchResult r = match(dir.resolve(".gitignore"), dir.relativize(abs));
      if (r != MatchResult.CHECK_PARENT) {
        return Optional.of(r == MatchResult.IGNORED);
      }
      if (dir.equals(root)) {
        break;
      }
      dir = dir.getParent();
    }
    MatchResult r = match(root.resolve(".git/info/exclude"), root.relativize(abs));
    return Optional.of(r == MatchResult.IGNORED);
  }

  private static Optional<Path> workTree(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.exists(d.resolve(".git"))) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static MatchResult match(Path rules, Path relative) throws IOException {
    if (!Files.isRegularFile(rules)) {
      return MatchResult.CHECK_PARENT;
    }
    IgnoreNode node = new IgnoreNode();
    try (InputStream in = Files.newInputStream(rules)) {
      node.parse(rules.toString(), in);
    }
    return node.isIgnored(relative.toString().replace('\\', '/'), false);
  }
}
