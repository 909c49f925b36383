package dev.kubeherd.testsupport.git;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Deploy keys made by tests: JDK key pairs, written as OpenSSH private keys. */
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
}
