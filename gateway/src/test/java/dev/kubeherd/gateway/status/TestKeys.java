package dev.kubeherd.gateway.status;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/** An RSA key pair made per test run, as PKCS#8 and PKCS#1 PEM. */
final class TestKeys {
  static final KeyPair PAIR = generate();

  private TestKeys() {}

  private static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pkcs8Pem() {
    return pem("PRIVATE KEY", PAIR.getPrivate().getEncoded());
  }

  /** The PKCS#1 key GitHub hands out: the OCTET STRING inside the PKCS#8 structure. */
  static String pkcs1Pem() {
    return pem("RSA PRIVATE KEY", pkcs1(PAIR.getPrivate().getEncoded()));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN "
        + label
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + label
        + "-----\n";
  }

  /** Reads SEQUENCE { INTEGER, SEQUENCE, OCTET STRING } and returns the octet string's content. */
  private static byte[] pkcs1(byte[] pkcs8) {
    int[] pos = {0};
    header(pkcs8, pos, 0x30);
    int version = header(pkcs8, pos, 0x02);
    pos[0] += version;
    int algorithm = header(pkcs8, pos, 0x30);
    pos[0] += algorithm;
    int length = header(pkcs8, pos, 0x04);
    return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
  }

  /**
   * Reads a tag and length at {@code pos}, leaves {@code pos} at the content, returns its length.
   */
  private static int header(byte[] der, int[] pos, int tag) {
    if ((der[pos[0]++] & 0xff) != tag) {
      throw new IllegalStateException("unexpected DER tag at " + (pos[0] - 1));
    }
    int first = der[pos[0]++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[pos[0]++] & 0xff);
    }
    return length;
  }
}
