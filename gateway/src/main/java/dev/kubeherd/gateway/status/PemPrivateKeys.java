package dev.kubeherd.gateway.status;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an RSA private key from PEM text with JDK crypto only: PKCS#8 ({@code BEGIN PRIVATE KEY})
 * as it is, PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub hands out for Apps) after wrapping
 * it into a PKCS#8 structure. Pure: no files; messages never quote the key.
 */
final class PemPrivateKeys {
  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");

  /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private PemPrivateKeys() {}

  /**
   * @param source names the key's origin (a file) for the error message
   * @throws InvalidAppKeyException when the text holds no RSA private key this can read
   */
  static PrivateKey read(String pem, String source) {
    Matcher m = PEM.matcher(pem);
    if (!m.find()) {
      throw new InvalidAppKeyException(
          source
              + " holds no PEM RSA private key (BEGIN RSA PRIVATE KEY or BEGIN PRIVATE KEY);"
              + " download the GitHub App's private key from its settings page and point"
              + " --key-file at it",
          null);
    }
    boolean pkcs1 = m.group(1) != null;
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      byte[] pkcs8 = pkcs1 ? wrapPkcs1(der) : der;
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new InvalidAppKeyException(
          source
              + " holds a damaged or non-RSA private key ("
              + e.getClass().getSimpleName()
              + "); download the GitHub App's private key again",
          e);
    }
  }

  /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } }. */
  static byte[] wrapPkcs1(byte[] pkcs1) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(VERSION_0);
    body.writeBytes(RSA_ALGORITHM);
    body.writeBytes(tlv(0x04, pkcs1));
    return tlv(0x30, body.toByteArray());
  }

  /** One DER element: tag, definite length (short or long form), content. */
  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write((length >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
