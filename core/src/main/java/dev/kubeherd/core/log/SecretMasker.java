package dev.kubeherd.core.log;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Replaces every occurrence of a set of secret values by {@value #MASK} in a stream of text that
 * arrives in pieces. A secret split across two or more {@link #write}s is still masked: the masker
 * holds back the shortest tail that could still be the start of a secret (at most the longest
 * secret's length − 1 chars) until the next write or {@link #flush()} decides it. Where secrets
 * overlap, the longest one that matches at a position wins. A tail ending in a high surrogate is
 * held too, so a character is never cut in half. Not thread-safe: {@link MaskingLogSink} locks.
 *
 * <p>Values are {@linkplain SecretValues split into lines}, so no secret holds a newline and text
 * up to the last newline of a write always passes at once: followers still see whole lines live.
 */
public final class SecretMasker {
  public static final String MASK = "***";

  private final Map<Character, List<String>> byFirstChar = new HashMap<>();
  private final Consumer<String> out;
  private final StringBuilder held = new StringBuilder();

  /**
   * @param secrets the values to hide, each non-empty and without a newline
   * @param out where masked text goes, in order
   */
  public SecretMasker(Collection<String> secrets, Consumer<String> out) {
    this.out = out;
    for (String s : secrets) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("an empty secret cannot be masked");
      }
      byFirstChar.computeIfAbsent(s.charAt(0), c -> new ArrayList<>()).add(s);
    }
    byFirstChar.values().forEach(l -> l.sort(Comparator.comparingInt(String::length).reversed()));
  }

  /** Masks what it can decide of {@code held + text} and passes it on. */
  public void write(String text) {
    if (byFirstChar.isEmpty()) {
      out.accept(text);
      return;
    }
    held.append(text);
    emit(mask(false));
  }

  /** Passes on the held tail, masked as the end of the stream. */
  public void flush() {
    if (!held.isEmpty()) {
      emit(mask(true));
    }
  }

  /** Chars held back, waiting for the next write to decide them. */
  int heldLength() {
    return held.length();
  }

  private void emit(String masked) {
    if (!masked.isEmpty()) {
      out.accept(masked);
    }
  }

  /** Masks {@link #held} from the start, leaving in it the undecided tail. */
  private String mask(boolean atEnd) {
    CharSequence buf = held;
    int n = buf.length();
    StringBuilder result = new StringBuilder(n + 8);
    int i = 0;
    while (i < n) {
      List<String> candidates = byFirstChar.get(buf.charAt(i));
      if (candidates != null) {
        Match m = matchAt(buf, i, candidates, atEnd);
        if (m == Match.UNDECIDED) {
          break;
        }
        if (m.length > 0) {
          result.append(MASK);
          i += m.length;
          continue;
        }
      }
      if (!atEnd && i == n - 1 && Character.isHighSurrogate(buf.charAt(i))) {
        break;
      }
      result.append(buf.charAt(i));
      i++;
    }
    held.delete(0, i);
    return result.toString();
  }

  /**
   * The longest secret matching at {@code i}, or {@link Match#UNDECIDED} when a longer secret could
   * still match once more text arrives.
   */
  private static Match matchAt(CharSequence buf, int i, List<String> candidates, boolean atEnd) {
    int available = buf.length() - i;
    for (String s : candidates) {
      if (s.length() > available) {
        if (!atEnd && regionMatches(buf, i, s, available)) {
          return Match.UNDECIDED;
        }
      } else if (regionMatches(buf, i, s, s.length())) {
        return new Match(s.length());
      }
    }
    return Match.NONE;
  }

  private static boolean regionMatches(CharSequence buf, int at, String s, int len) {
    for (int k = 0; k < len; k++) {
      if (buf.charAt(at + k) != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private record Match(int length) {
    static final Match NONE = new Match(0);
    static final Match UNDECIDED = new Match(-1);
  }
}
