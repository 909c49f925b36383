package dev.kubeherd.worker.source;

import dev.kubeherd.core.KubeherdException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The project's {@code sshCert} (an OpenSSH user certificate, the one line of a {@code -cert.pub}
 * file) joined to the {@code sshKey} it certifies, as OpenSSH's client offers a key's certificate:
 * the certificate first, then the plain key. Errors name the setting, never its value.
 */
final class CertifiedKeys {
  private CertifiedKeys() {}

  /**
   * {@code keys} with the certificate identity first when {@code sshCert} is set, else {@code
   * keys}.
   *
   * @throws KubeherdException when the certificate cannot be read, is no user certificate, is not
   *     valid now or certifies none of {@code keys}
   */
  static List<KeyPair> of(List<KeyPair> keys, String sshCert) {
    if (sshCert.isBlank()) {
      return keys;
    }
    OpenSshCertificate cert = userCertificate(sshCert.strip());
    KeyPair certified =
        keys.stream()
            .filter(k -> KeyUtils.compareKeys(k.getPublic(), cert.getCertPubKey()))
            .findFirst()
            .orElseThrow(
                () ->
                    new KubeherdException(
                        "the project's sshCert does not certify the project's sshKey; set sshCert"
                            + " to the certificate (-cert.pub) issued for that key's public key"));
    List<KeyPair> all = new ArrayList<>();
    all.add(new KeyPair(cert, certified.getPrivate()));
    all.addAll(keys);
    return all;
  }

  private static OpenSshCertificate userCertificate(String line) {
    PublicKey key = parse(line);
    if (!(key instanceof OpenSshCertificate cert)) {
      throw unusable("it is a plain public key, not a certificate");
    }
    if (cert.getType() != OpenSshCertificate.Type.USER) {
      throw unusable("it is a host certificate, not a user certificate");
    }
    if (!OpenSshCertificate.isValidNow(cert)) {
      throw new KubeherdException(
          "the project's sshCert is not valid now (valid after "
              + epoch(cert.getValidAfter())
              + ", before "
              + epoch(cert.getValidBefore())
              + "); have the CA issue a current certificate and update sshCert");
    }
    return cert;
  }

  private static PublicKey parse(String line) {
    try {
      return PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, null);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw unusable("cannot read it: " + e.getClass().getSimpleName());
    }
  }

  private static String epoch(long seconds) {
    if (seconds == OpenSshCertificate.INFINITY) {
      return "forever";
    }
    return Instant.ofEpochSecond(seconds).toString();
  }

  private static KubeherdException unusable(String why) {
    return new KubeherdException(
        "the project's sshCert is not a usable OpenSSH user certificate ("
            + why
            + "); set sshCert to the one line of the key's -cert.pub file, e.g."
            + " ssh-ed25519-cert-v01@openssh.com AAAA...");
  }
}
