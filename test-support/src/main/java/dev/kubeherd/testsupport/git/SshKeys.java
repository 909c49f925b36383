package dev.kubeherd.testsupport.git;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * Deploy keys made by tests: JDK key pairs, written as OpenSSH private keys, and OpenSSH user
 * certificates for them signed by a test CA.
 */
public final class SshKeys {
  private SshKeys() {}

  /** A fresh ECDSA P-256 key pair. */
  public static KeyPair ecdsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    return generator.generateKeyPair();
  }

  /** The {@code -----BEGIN OPENSSH PRIVATE KEY-----} text of {@code pair}, unencrypted. */
  public static String openSsh(KeyPair pair) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "deploy@test", null, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * An OpenSSH user certificate for {@code user}'s public key, signed by {@code ca}, naming {@code
   * principal}, valid from an hour ago to an hour from now.
   */
  public static OpenSshCertificate userCertificate(KeyPair user, KeyPair ca, String principal)
      throws Exception {
    Instant now = Instant.now();
    return OpenSshCertificateBuilder.userCertificate()
        .publicKey(user.getPublic())
        .id("deploy@test")
        .principals(List.of(principal))
        .validAfter(now.minus(Duration.ofHours(1)))
        .validBefore(now.plus(Duration.ofHours(1)))
        .sign(ca);
  }

  /** The {@code -cert.pub} line of {@code cert}: {@code TYPE-cert-v01@openssh.com BASE64}. */
  public static String certificateLine(OpenSshCertificate cert) {
    return PublicKeyEntry.toString(cert);
  }
}
