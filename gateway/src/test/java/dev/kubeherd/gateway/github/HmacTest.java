package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.gateway.github.Hmac.Algorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both HMAC implementations against the RFCs' test vectors and against each other. The build runs
 * on Linux with OpenSSL 3 ({@code bin/test} installs {@code libssl3} when it is missing) and JDK
 * 25, so the libcrypto one must load here: a test that quietly fell back to the JDK would prove
 * nothing about it.
 */
class HmacTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void libcryptoLoadsOnTheBuildMachines() {
    assertThat(Hmac.choose("libcrypto").implementation()).isEqualTo("libcrypto.so.3");
    assertThat(Hmac.choose("auto").implementation()).isEqualTo("libcrypto.so.3");
    assertThat(Hmac.choose("jdk").implementation()).isEqualTo("JDK");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "libcrypto"})
  void matchesTheRfcTestVectors(String mode) {
    Hmac hmac = Hmac.choose(mode);
    byte[] jefe = ascii("Jefe");
    byte[] question = ascii("what do ya want for nothing?");

    // RFC 4231 test cases 1, 2 and 6 (a key longer than the block size is hashed first)
    assertThat(hex(hmac.compute(Algorithm.SHA256, repeat(0x0b, 20), ascii("Hi There"))))
        .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    assertThat(hex(hmac.compute(Algorithm.SHA256, jefe, question)))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    assertThat(
            hex(
                hmac.compute(
                    Algorithm.SHA256,
                    repeat(0xaa, 131),
                    ascii("Test Using Larger Than Block-Size Key - Hash Key First"))))
        .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    // RFC 2202 test case 2, for the legacy X-Hub-Signature
    assertThat(hex(hmac.compute(Algorithm.SHA1, jefe, question)))
        .isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  }

  @Test
  void libcryptoAgreesWithTheJdkOnBodiesAndKeysOfEverySize() {
    Hmac jdk = Hmac.choose("jdk");
    Hmac libcrypto = Hmac.choose("libcrypto");
    Random random = new Random(42);
    int[] bodySizes = {0, 1, 55, 56, 63, 64, 65, 8_000, 1 << 20};
    int[] keySizes = {1, 32, 64, 65, 300};
    for (Algorithm algorithm : Algorithm.values()) {
      for (int bodySize : bodySizes) {
        for (int keySize : keySizes) {
          byte[] body = bytes(random, bodySize);
          byte[] key = bytes(random, keySize);

          assertThat(libcrypto.compute(algorithm, key, body))
              .as("%s, %d-byte body, %d-byte key", algorithm, bodySize, keySize)
              .isEqualTo(jdk.compute(algorithm, key, body))
              .hasSize(algorithm.length());
        }
      }
    }
  }

  @Test
  void bodiesAboveTheCriticalCallLimitAreStillHashedCorrectly() {
    byte[] key = ascii("s3cret");
    Random random = new Random(7);
    for (int size :
        new int[] {
          LibcryptoHmac.CRITICAL_LIMIT, LibcryptoHmac.CRITICAL_LIMIT + 1, 25 * 1024 * 1024
        }) {
      byte[] body = bytes(random, size);

      assertThat(Hmac.choose("libcrypto").compute(Algorithm.SHA256, key, body))
          .as("%d bytes", size)
          .isEqualTo(Hmac.choose("jdk").compute(Algorithm.SHA256, key, body));
    }
  }

  @Test
  void libcryptoGivesEachThreadItsOwnResult() throws Exception {
    Hmac jdk = Hmac.choose("jdk");
    Hmac libcrypto = Hmac.choose("libcrypto");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> checks = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        long seed = t;
        checks.add(
            pool.submit(
                () -> {
                  Random random = new Random(seed);
                  for (int i = 0; i < 300; i++) {
                    byte[] body = bytes(random, random.nextInt(9_000));
                    byte[] key = bytes(random, 1 + random.nextInt(40));
                    if (!Arrays.equals(
                        libcrypto.compute(Algorithm.SHA256, key, body),
                        jdk.compute(Algorithm.SHA256, key, body))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> check : checks) {
        assertThat(check.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "libcrypto"})
  void refusesAnEmptyKey(String mode) {
    assertThatThrownBy(() -> Hmac.choose(mode).compute(Algorithm.SHA256, new byte[0], ascii("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void anUnknownModeNamesTheChoices() {
    assertThatThrownBy(() -> Hmac.choose("openssl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown -Dkubeherd.hmac=openssl: use auto (the default), jdk or libcrypto");
  }

  @Test
  void theGatewayVerifiesWithTheProcessWideChoice() {
    byte[] body = ascii("{\"zen\":\"Design for failure.\"}");
    String header =
        "sha256=" + hex(Hmac.choose("jdk").compute(Algorithm.SHA256, ascii("s3cret"), body));

    assertThat(Hmac.system().implementation()).isEqualTo("libcrypto.so.3");
    assertThat(GithubSignature.sign256(body, "s3cret")).isEqualTo(header);
    assertThat(GithubSignature.verify(body, header, null, Optional.of("s3cret")).valid()).isTrue();
    assertThat(GithubSignature.verify(body, header, null, Optional.of("other")).valid()).isFalse();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] repeat(int value, int count) {
    byte[] bytes = new byte[count];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }

  private static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
