package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a tar stream entry by entry, as {@code docker export} and {@code podman export} write it:
 * ustar headers (with the name prefix), PAX extended headers ({@code path}, {@code linkpath},
 * {@code size}) and GNU long names and link names. Each entry's content can be read through {@link
 * #content()}; what is left unread is skipped by the next {@link #next()}.
 */
final class TarStream {
  private static final int BLOCK = 512;
  private static final int MAX_META = 1 << 20;

  /**
   * One entry.
   *
   * @param path its path without a leading {@code /} or {@code ./}, nor a trailing {@code /}
   * @param type the type flag: {@code '0'} a file, {@code '1'} a hard link, {@code '2'} a symbolic
   *     link, {@code '5'} a directory…
   * @param linkTarget a link's target, else empty
   */
  record Entry(String path, char type, long size, String linkTarget) {
    boolean isFile() {
      return type == '0' || type == '\0' || type == '7';
    }
  }

  private final InputStream in;
  private long remaining;
  private long padding;

  TarStream(InputStream in) {
    this.in = in;
  }

  /** The next entry, or empty at the end of the archive. */
  Optional<Entry> next() throws IOException {
    skipRest();
    Map<String, String> pax = new HashMap<>();
    String longName = null;
    String longLink = null;
    while (true) {
      byte[] h = in.readNBytes(BLOCK);
      if (h.length < BLOCK || isZero(h)) {
        return Optional.empty();
      }
      checkSum(h);
      char type = (char) h[156];
      start(size(h));
      switch (type) {
        case 'x' -> pax.putAll(paxRecords(meta()));
        case 'g' -> skipRest();
        case 'L' -> longName = text(meta());
        case 'K' -> longLink = text(meta());
        default -> {
          String name = firstOf(pax.get("path"), longName, ustarName(h));
          String link = firstOf(pax.get("linkpath"), longLink, text(h, 157, 100));
          if (pax.containsKey("size")) {
            start(Long.parseLong(pax.get("size")));
          }
          return Optional.of(new Entry(normalize(name), type, remaining, link));
        }
      }
    }
  }

  /** The current entry's content, up to its end (closing it does not close the archive). */
  InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
          throw new IOException("the tar stream ended inside an entry");
        }
        remaining -= n;
        return n;
      }
    };
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

  private void start(long size) {
    remaining = size;
    padding = (BLOCK - size % BLOCK) % BLOCK;
  }

  private void skipRest() throws IOException {
    in.skipNBytes(remaining + padding);
    remaining = 0;
    padding = 0;
  }

  /** The current (header) entry's whole content. */
  private byte[] meta() throws IOException {
    if (remaining > MAX_META) {
      throw new IOException("a tar header entry of " + remaining + " bytes is too large");
    }
    byte[] b = in.readNBytes((int) remaining);
    if (b.length < remaining) {
      throw new IOException("the tar stream ended inside an entry");
    }
    remaining = 0;
    skipRest();
    return b;
  }

  /** PAX records: {@code "LENGTH key=value\n"}, LENGTH counting the whole record in bytes. */
  private static Map<String, String> paxRecords(byte[] b) throws IOException {
    Map<String, String> records = new HashMap<>();
    int pos = 0;
    while (pos < b.length) {
      int space = pos;
      while (space < b.length && b[space] != ' ') {
        space++;
      }
      int length = Integer.parseInt(new String(b, pos, space - pos, StandardCharsets.US_ASCII));
      if (length <= 0 || pos + length > b.length) {
        throw new IOException("a broken PAX header record in the tar stream");
      }
      String record = new String(b, space + 1, pos + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        records.put(record.substring(0, eq), record.substring(eq + 1));
      }
      pos += length;
    }
    return records;
  }

  private static String ustarName(byte[] h) {
    String name = text(h, 0, 100);
    boolean posix = text(h, 257, 6).equals("ustar");
    String prefix = posix ? text(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** An octal number, or a base-256 one (high bit set) as GNU tar writes large sizes. */
  private static long size(byte[] h) throws IOException {
    if ((h[124] & 0x80) != 0) {
      long v = h[124] & 0x7f;
      for (int i = 125; i < 136; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    String octal = text(h, 124, 12).strip();
    try {
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar stream: a header with the size " + octal, e);
    }
  }

  /** The header's checksum, over unsigned bytes (or signed ones, as some old writers did). */
  private static void checkSum(byte[] h) throws IOException {
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      boolean field = i >= 148 && i < 156;
      unsigned += field ? ' ' : (h[i] & 0xff);
      signed += field ? ' ' : h[i];
    }
    String stored = text(h, 148, 8).strip();
    long expected = stored.matches("[0-7]+") ? Long.parseLong(stored, 8) : -1;
    if (expected != unsigned && expected != signed) {
      throw new IOException("not a tar stream: a header's checksum does not match");
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

  private static String text(byte[] b) {
    return text(b, 0, b.length);
  }

  private static String text(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String firstOf(String a, String b, String c) {
    return a != null ? a : b != null ? b : c;
  }
}
