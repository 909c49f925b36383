package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds which of a build's secret values occur in a stream of bytes (a file's content, a path).
 * Pure: no engine, no files. Streams are read in chunks; the last {@code longest - 1} bytes of each
 * chunk are kept in front of the next one, so a value split across two reads is still found.
 */
final class SecretMatcher {
  /**
   * Values shorter than this are not looked for: a value of a few bytes (a one-line SSH {@code
   * config}, say) occurs by chance in ordinary files, and every build would be refused. Real tokens
   * and keys are far longer (a GitHub token has 40 characters, an SSH private key hundreds).
   */
  static final int MIN_BYTES = 8;

  static final int CHUNK = 64 * 1024;

  private final List<SecretValue> secrets;
  private final List<SecretValue> tooShort;
  private final int chunk;
  private final int longest;

  SecretMatcher(List<SecretValue> all) {
    this(all, CHUNK);
  }

  /**
   * @param chunk how many bytes one read asks for (small in tests, to split values across reads)
   */
  SecretMatcher(List<SecretValue> all, int chunk) {
    if (chunk < 1) {
      throw new IllegalArgumentException("the chunk size must be positive, not " + chunk);
    }
    this.secrets = all.stream().filter(s -> s.length() >= MIN_BYTES).toList();
    this.tooShort = all.stream().filter(s -> s.length() < MIN_BYTES).toList();
    this.chunk = chunk;
    this.longest = secrets.stream().mapToInt(SecretValue::length).max().orElse(1);
  }

  /** Whether there is no value to look for. */
  boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** The names of the values looked for. */
  List<String> names() {
    return secrets.stream().map(SecretValue::name).toList();
  }

  /** The names of the values not looked for, being shorter than {@value #MIN_BYTES} bytes. */
  List<String> ignored() {
    return tooShort.stream().map(SecretValue::name).toList();
  }

  /** The names of the values in {@code text} (UTF-8). */
  Set<String> findIn(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    Set<String> found = new LinkedHashSet<>();
    collect(bytes, bytes.length, found);
    return found;
  }

  /** The names of the values in what {@code in} holds up to its end (read, not closed). */
  Set<String> findIn(InputStream in) throws IOException {
    Set<String> found = new LinkedHashSet<>();
    byte[] buffer = new byte[longest - 1 + chunk];
    int kept = 0;
    for (int n = in.readNBytes(buffer, kept, chunk);
        n > 0;
        n = in.readNBytes(buffer, kept, chunk)) {
      int filled = kept + n;
      collect(buffer, filled, found);
      kept = Math.min(longest - 1, filled);
      System.arraycopy(buffer, filled - kept, buffer, 0, kept);
    }
    return found;
  }

  /** {@code text} with every value it holds replaced by {@code ***}, for a message. */
  String redact(String text) {
    String out = text;
    for (SecretValue s : secrets) {
      out = out.replace(new String(s.value(), StandardCharsets.UTF_8), "***");
    }
    return out;
  }

  private void collect(byte[] buffer, int length, Set<String> found) {
    for (SecretValue s : secrets) {
      if (!found.contains(s.name()) && s.isIn(buffer, length)) {
        found.add(s.name());
      }
    }
  }
}
