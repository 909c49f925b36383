package dev.kubeherd.toolkit.git;

import dev.kubeherd.testsupport.git.SshKeys;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;

/** Deploy keys made by the tests: JDK key pairs written as OpenSSH private keys. */
final class TestKeys {
  private TestKeys() {}

  /**
   * The ed25519 deploy key made once with {@code ssh-keygen -t ed25519} (the usual GitHub deploy
   * key; the JDK cannot write that format), a test resource that guards nothing.
   */
  static String ed25519Text() throws Exception {
    try (InputStream in = TestKeys.class.getResourceAsStream("test_deploy_key_ed25519")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The key pair of {@link #ed25519Text()}, read by sshd. */
  static KeyPair ed25519() throws Exception {
    return SshDeployKey.of(ed25519Text(), "test resource").keyPairs().get(0);
  }

  static KeyPair ecdsa() throws Exception {
    return SshKeys.ecdsa();
  }

  /** The {@code -----BEGIN OPENSSH PRIVATE KEY-----} text of {@code pair}. */
  static String openSsh(KeyPair pair) throws Exception {
    return SshKeys.openSsh(pair);
  }

  /**
   * A line from the middle of the key's base64 body (the first lines are the same header for every
   * OpenSSH key): what must never show up in a log or file.
   */
  static String fingerprintLine(String privateKey) {
    List<String> body = privateKey.lines().filter(l -> !l.startsWith("-----")).toList();
    return body.get(body.size() / 2);
  }
}
