package dev.kubeherd.worker.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CommonJS {@code require} names to files, Node style, but never outside {@code root} (the
 * build's checkout): {@code ./x} and {@code ../x} relative to the requiring file, bare names in
 * {@code node_modules} folders from there up to the root. Tries the name, then {@code .js}, {@code
 * .json}, then a directory's {@code package.json} {@code main} or {@code index.js}.
 */
public final class ModuleResolver {
  private static final List<String> SUFFIXES = List.of("", ".js", ".cjs", ".json");

  /** What {@code require} serves without a file (the runtime's built-ins). */
  private static final List<String> BUILT_INS =
      List.of("brigadier", "brigade", "@brigadecore/brigadier", "kubeherd");

  private static final Pattern MAIN = Pattern.compile("\"main\"\\s*:\\s*\"([^\"]+)\"");
  private final Path root;

  public ModuleResolver(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /**
   * @throws ModuleNotFoundException naming the module and the directory it was required from
   */
  public Path resolve(Path fromDir, String name) {
    boolean path = name.startsWith("./") || name.startsWith("../") || name.startsWith("/");
    Optional<Path> found =
        path
            ? fileOrDirectory(fromDir.resolve(name).normalize())
            : fromNodeModules(fromDir.toAbsolutePath().normalize(), name);
    return found.orElseThrow(() -> notFound(fromDir, name, path));
  }

  private ModuleNotFoundException notFound(Path fromDir, String name, boolean path) {
    String where =
        "Cannot find module '"
            + name
            + "' from '"
            + fromDir
            + "': modules load only from the checkout ("
            + root
            + ")";
    if (path) {
      return new ModuleNotFoundException(where);
    }
    Optional<String> meant = builtInLike(name);
    if (meant.isPresent()) {
      return new ModuleNotFoundException(
          where
              + ": did you mean '"
              + meant.get()
              + "'? (built in: "
              + String.join(", ", BUILT_INS)
              + ")");
    }
    // a v1 worker installed brigade.json's dependencies with yarn before the script ran
    return new ModuleNotFoundException(
        where
            + " and Node.js built-ins such as fs are not available; brigade.json dependencies are"
            + " not installed: commit the package to the repository as node_modules/"
            + name);
  }

  /** A built-in module {@code name} is a typo of (at most two letters off), if any. */
  static Optional<String> builtInLike(String name) {
    return BUILT_INS.stream()
        .filter(b -> !b.equals(name) && editDistance(b, name) <= 2)
        .min((a, b) -> Integer.compare(editDistance(a, name), editDistance(b, name)));
  }

  private static int editDistance(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        int substitution = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        row[j] = Math.min(substitution, Math.min(above, row[j - 1]) + 1);
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  public boolean isInside(Path p) {
    return p.toAbsolutePath().normalize().startsWith(root);
  }

  private Optional<Path> fromNodeModules(Path dir, String name) {
    for (Path d = dir; d != null && isInside(d); d = d.getParent()) {
      Optional<Path> hit = fileOrDirectory(d.resolve("node_modules").resolve(name).normalize());
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  private Optional<Path> fileOrDirectory(Path base) {
    if (!isInside(base)) {
      return Optional.empty();
    }
    for (String suffix : SUFFIXES) {
      Path p = Path.of(base + suffix);
      if (Files.isRegularFile(p) && isInside(realPath(p))) {
        return Optional.of(p);
      }
    }
    if (Files.isDirectory(base)) {
      return packageMain(base).or(() -> fileOrDirectoryIndex(base));
    }
    return Optional.empty();
  }

  private Optional<Path> fileOrDirectoryIndex(Path dir) {
    Path index = dir.resolve("index.js");
    return Files.isRegularFile(index) ? Optional.of(index) : Optional.empty();
  }

  private Optional<Path> packageMain(Path dir) {
    Path pkg = dir.resolve("package.json");
    if (!Files.isRegularFile(pkg)) {
      return Optional.empty();
    }
    try {
      Matcher m = MAIN.matcher(Files.readString(pkg));
      if (m.find()) {
        Path main = dir.resolve(m.group(1)).normalize();
        for (String suffix : SUFFIXES) {
          Path p = Path.of(main + suffix);
          if (Files.isRegularFile(p) && isInside(p)) {
            return Optional.of(p);
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p;
    }
  }
}
