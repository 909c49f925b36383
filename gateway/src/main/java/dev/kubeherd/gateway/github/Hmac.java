package dev.kubeherd.gateway.github;

import java.util.Locale;
import java.util.Optional;

/**
 * Computes the HMAC of a webhook body. Two implementations give the same bytes: the system's
 * OpenSSL {@code libcrypto} called through the Java foreign function API ({@link LibcryptoHmac},
 * about ten times faster than the JDK's under the C1-only flags {@code bin/kubeherd} runs with,
 * since only C2 has the SHA intrinsics), and the JDK's {@link javax.crypto.Mac} ({@link JdkHmac}).
 *
 * <p>The system property {@value #PROPERTY} chooses: {@code auto} (the default: libcrypto when it
 * can be loaded and passes its self-test, else the JDK, saying why at INFO), {@code jdk} or {@code
 * libcrypto} (the gateway then refuses to start when it cannot be used, saying why).
 */
public sealed interface Hmac permits JdkHmac, LibcryptoHmac {
  String PROPERTY = "kubeherd.hmac";

  /** The algorithms webhook signatures use. */
  enum Algorithm {
    SHA256("HmacSHA256", "EVP_sha256", 32),
    SHA1("HmacSHA1", "EVP_sha1", 20);

    private final String jdkName;
    private final String evpFunction;
    private final int length;

    Algorithm(String jdkName, String evpFunction, int length) {
      this.jdkName = jdkName;
      this.evpFunction = evpFunction;
      this.length = length;
    }

    /** The name {@link javax.crypto.Mac#getInstance(String)} knows it by. */
    String jdkName() {
      return jdkName;
    }

    /** The libcrypto function returning its message digest. */
    String evpFunction() {
      return evpFunction;
    }

    /** The MAC's length in bytes. */
    int length() {
      return length;
    }
  }

  /**
   * The HMAC of {@code data} keyed with {@code key}.
   *
   * @throws IllegalArgumentException when {@code key} is empty
   */
  byte[] compute(Algorithm algorithm, byte[] key, byte[] data);

  /**
   * Refuses an empty key: an HMAC with no secret proves nothing.
   *
   * @throws IllegalArgumentException when {@code key} is empty
   */
  static void requireKey(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException(
          "A webhook secret must not be empty: configure a sharedSecret or a default secret");
    }
  }

  /** What computes it, for logs: {@code JDK} or the library's name. */
  String implementation();

  /**
   * The implementation {@value #PROPERTY} chooses, decided once per process.
   *
   * @throws IllegalArgumentException when the property names no implementation
   * @throws IllegalStateException when it asks for libcrypto and that cannot be loaded
   */
  static Hmac system() {
    return Chosen.get();
  }

  /**
   * The implementation {@code mode} names: {@code auto}, {@code jdk} or {@code libcrypto}.
   *
   * @throws IllegalArgumentException for another mode
   * @throws IllegalStateException for {@code libcrypto} when it cannot be used (the message says
   *     why)
   */
  static Hmac choose(String mode) {
    return switch (mode.trim().toLowerCase(Locale.ROOT)) {
      case "auto", "" -> {
        Optional<LibcryptoHmac> loaded = LibcryptoHmac.load();
        yield loaded.isPresent() ? loaded.get() : new JdkHmac();
      }
      case "jdk" -> new JdkHmac();
      case "libcrypto" -> LibcryptoHmac.loadOrThrow();
      default ->
          throw new IllegalArgumentException(
              "Unknown -D" + PROPERTY + "=" + mode + ": use auto (the default), jdk or libcrypto");
    };
  }

  /** Holds the process-wide choice, or why there is none; loaded on first use. */
  final class Chosen {
    private static final Hmac SYSTEM;
    private static final RuntimeException PROBLEM;

    static {
      Hmac chosen = null;
      RuntimeException problem = null;
      try {
        chosen = choose(System.getProperty(PROPERTY, "auto"));
      } catch (IllegalArgumentException | IllegalStateException e) {
        problem = e;
      }
      SYSTEM = chosen;
      PROBLEM = problem;
    }

    private Chosen() {}

    private static Hmac get() {
      if (PROBLEM instanceof IllegalArgumentException) {
        throw new IllegalArgumentException(PROBLEM.getMessage(), PROBLEM);
      }
      if (PROBLEM != null) {
        throw new IllegalStateException(PROBLEM.getMessage(), PROBLEM);
      }
      return SYSTEM;
    }
  }
}
