package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a container's changes hold a secret value, before they are committed as a layer.
 * Pure: it is given the container's diff lines ({@code A /path}, {@code C /path}, {@code D /path})
 * and its exported file system (a tar stream), and looks only at the entries the step added or
 * changed (an entry below an added directory counts as added): their content (regular files), the
 * target of a symbolic link, a hard link to a file found before, and the path itself.
 */
final class LayerScan {
  /**
   * A path in the container that holds secrets.
   *
   * @param path the absolute container path, with any secret value in it replaced by {@code ***}
   * @param secrets the names of the secrets it holds (never their values)
   */
  record Finding(String path, Set<String> secrets) {
    Finding {
      secrets = Set.copyOf(secrets);
    }
  }

  private final SecretMatcher matcher;
  private final Set<String> changed = new HashSet<>();
  private final Set<String> added = new HashSet<>();
  private final Map<String, Set<String>> found = new LinkedHashMap<>();
  private int entriesScanned;

  LayerScan(List<String> diff, SecretMatcher matcher) {
    this.matcher = matcher;
    for (String line : diff) {
      String l = line.strip();
      if (l.length() > 2 && (l.charAt(0) == 'A' || l.charAt(0) == 'C') && l.charAt(1) == ' ') {
        String path = TarStream.normalize(l.substring(2).strip());
        changed.add(path);
        if (l.charAt(0) == 'A') {
          added.add(path);
        }
      }
    }
  }

  /** Reads the exported file system to its end, noting each changed entry that holds a secret. */
  void read(InputStream export) throws IOException {
    TarStream tar = new TarStream(export);
    for (Optional<TarStream.Entry> e = tar.next(); e.isPresent(); e = tar.next()) {
      if (isChanged(e.get().path())) {
        entriesScanned++;
        scan(e.get(), tar);
      }
    }
  }

  /** What was found, in the order of the export. */
  List<Finding> findings() {
    List<Finding> out = new ArrayList<>();
    found.forEach((path, names) -> out.add(new Finding(matcher.redact("/" + path), names)));
    return out;
  }

  /** How many paths the diff lists as added or changed. */
  int changedInDiff() {
    return changed.size();
  }

  /** How many changed entries (files, links, directories) were looked at. */
  int entriesScanned() {
    return entriesScanned;
  }

  boolean isChanged(String path) {
    if (changed.contains(path)) {
      return true;
    }
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      if (added.contains(path.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }

  private void scan(TarStream.Entry e, TarStream tar) throws IOException {
    Set<String> names = new LinkedHashSet<>(matcher.findIn(e.path()));
    if (e.isFile()) {
      names.addAll(matcher.findIn(tar.content()));
    } else if (e.type() == '2') {
      names.addAll(matcher.findIn(e.linkTarget()));
    } else if (e.type() == '1') {
      names.addAll(found.getOrDefault(TarStream.normalize(e.linkTarget()), Set.of()));
    }
    if (!names.isEmpty()) {
      found.computeIfAbsent(e.path(), p -> new LinkedHashSet<>()).addAll(names);
    }
  }
}
