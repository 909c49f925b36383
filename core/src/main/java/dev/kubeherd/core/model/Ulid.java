package dev.kubeherd.core.model;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Lower-case ULIDs (26 Crockford base32 chars: 48-bit millisecond time + 80 random bits), the
 * Brigade v1 build ID format. Monotonic within one generator: IDs made in the same millisecond
 * still sort in creation order.
 */
public final class Ulid {
  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private final byte[] lastRandom = new byte[10];

  public Ulid(Clock clock) {
    this.clock = clock;
  }

  public static Ulid systemUtc() {
    return new Ulid(Clock.systemUTC());
  }

  public synchronized String next() {
    long now = clock.millis();
    if (now == lastMillis) {
      increment(lastRandom);
    } else {
      random.nextBytes(lastRandom);
      lastMillis = now;
    }
    return encode(now, lastRandom);
  }

  private static void increment(byte[] bytes) {
    for (int i = bytes.length - 1; i >= 0; i--) {
      if (++bytes[i] != 0) {
        return;
      }
    }
  }

  static String encode(long millis, byte[] rnd) {
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    // 80 random bits -> 16 chars of 5 bits
    long hi = 0;
    for (int i = 0; i < 5; i++) {
      hi = (hi << 8) | (rnd[i] & 0xff);
    }
    long lo = 0;
    for (int i = 5; i < 10; i++) {
      lo = (lo << 8) | (rnd[i] & 0xff);
    }
    for (int i = 17; i >= 10; i--) {
      out[i] = ALPHABET[(int) (hi & 31)];
      hi >>>= 5;
    }
    for (int i = 25; i >= 18; i--) {
      out[i] = ALPHABET[(int) (lo & 31)];
      lo >>>= 5;
    }
    return new String(out);
  }
}
