package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Decides whether a container's changes hold a secret value, before they are committed as a layer.
 * Pure: it is given the container's diff lines ({@code A /path}, {@code C /path}, {@code D /path})
 * and its exported file system (a tar stream), and looks only at the entries the step added or
 * changed (an entry below an added directory counts as added): their content (regular files), the
 * target of a symbolic link, a hard link to a file found before, and the path itself. The tar is
 * read by Commons Compress ({@link TarArchiveInputStream}: ustar, PAX and GNU long names and link
 * names, sparse files), entry by entry as it arrives; nothing is written to disk.
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
        String path = normalize(l.substring(2).strip());
        changed.add(path);
        if (l.charAt(0) == 'A') {
          added.add(path);
        }
      }
    }
  }

  /**
   * Reads the exported file system to its end, noting each changed entry that holds a secret.
   * {@code export} is not closed.
   *
   * @throws IOException when {@code export} is not a tar stream, or ends inside an entry
   */
  void read(InputStream export) throws IOException {
    Source source = new Source(export);
    PushbackInputStream in = new PushbackInputStream(source, TarConstants.DEFAULT_RCDSIZE);
    checkFirstHeader(in);
    // not closed: that would close export, which its owner drains and closes
    TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
    try {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String path = normalize(e.getName());
        if (isChanged(path)) {
          entriesScanned++;
          scan(path, e, tar);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (source.failed) {
        throw e;
      }
      throw new IOException(
          source.ended
              ? "the tar stream ended inside an entry"
              // redacted: a message might quote a header, and so a secret in a path
              : "not a tar stream (a damaged entry): "
                  + matcher.redact(String.valueOf(e.getMessage())),
          e);
    }
  }

  /** {@code path} without a leading {@code /} or {@code ./}, nor a trailing {@code /}. */
  static String normalize(String path) {
    String p = path;
    while (p.startsWith("./") || p.startsWith("/")) {
      p = p.substring(p.startsWith("/") ? 1 : 2);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
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

  private void scan(String path, TarArchiveEntry e, InputStream content) throws IOException {
    Set<String> names = new LinkedHashSet<>(matcher.findIn(path));
    if (e.isSymbolicLink()) {
      names.addAll(matcher.findIn(e.getLinkName()));
    } else if (e.isLink()) {
      names.addAll(found.getOrDefault(normalize(e.getLinkName()), Set.of()));
    } else {
      // a file (a sparse one expanded), else nothing: a directory or a device has no content
      names.addAll(matcher.findIn(content));
    }
    if (!names.isEmpty()) {
      found.computeIfAbsent(path, p -> new LinkedHashSet<>()).addAll(names);
    }
  }

  /**
   * Fails unless the stream is empty or starts with a tar header (the ustar or GNU magic and a
   * matching checksum) or the end-of-archive marker. Commons Compress checks neither the magic nor
   * the checksum, so without this some other output could pass as an archive with no entries.
   */
  private static void checkFirstHeader(PushbackInputStream in) throws IOException {
    byte[] header = in.readNBytes(TarConstants.DEFAULT_RCDSIZE);
    if (header.length == 0) {
      return;
    }
    if (header.length < TarConstants.DEFAULT_RCDSIZE) {
      throw new IOException("not a tar stream: it ends after " + header.length + " bytes");
    }
    if (!isZero(header) && !isHeader(header)) {
      throw new IOException("not a tar stream: its first 512 bytes are no tar header");
    }
    in.unread(header);
  }

  private static boolean isHeader(byte[] header) {
    try {
      return TarArchiveInputStream.matches(header, header.length)
          && TarUtils.verifyCheckSum(header);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The export as read, noting whether it ended or failed itself, to tell a cut-off or broken
   * stream from a damaged tar when Commons Compress fails.
   */
  private static final class Source extends InputStream {
    private final InputStream in;
    boolean ended;
    boolean failed;

    Source(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        failed = true;
        throw e;
      }
      if (n < 0) {
        ended = true;
      }
      return n;
    }
  }
}
