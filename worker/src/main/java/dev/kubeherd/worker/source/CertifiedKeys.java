package dev.kubeherd.worker.source;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * The keys offered for the project's {@code sshKey}: with a usable {@code sshCert} (an OpenSSH user
 * certificate, the one line of a {@code -cert.pub} file) the certificate first, then the plain key,
 * as OpenSSH's client offers a key's certificate. An unusable sshCert (unreadable, a host
 * certificate, expired or not yet valid, of another key) is not fatal, as with OpenSSH: the plain
 * key alone is offered and {@link #certProblem} says why the certificate was left out (never its
 * value), for the build log and for the failure message should the server refuse the plain key.
 *
 * @param offered the key pairs to offer, in order
 * @param certProblem why the sshCert is not offered, when one is set but unusable
 */
record CertifiedKeys(List<KeyPair> offered, Optional<String> certProblem) {

  /** {@code keys} with the certificate identity first when {@code sshCert} is set and usable. */
  static CertifiedKeys of(List<KeyPair> keys, String sshCert) {
    if (sshCert.isBlank()) {
      return new CertifiedKeys(keys, Optional.empty());
    }
    try {
      OpenSshCertificate cert = userCertificate(sshCert.strip());
      KeyPair certified =
          keys.stream()
              .filter(k -> KeyUtils.compareKeys(k.getPublic(), cert.getCertPubKey()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Unusable(
                          "it does not certify the project's sshKey; set sshCert to the"
                              + " certificate (-cert.pub) issued for that key's public key"));
      List<KeyPair> all = new ArrayList<>();
      all.add(new KeyPair(cert, certified.getPrivate()));
      all.addAll(keys);
      return new CertifiedKeys(List.copyOf(all), Optional.empty());
    } catch (Unusable e) {
      return new CertifiedKeys(keys, Optional.of(e.getMessage()));
    }
  }

  private static OpenSshCertificate userCertificate(String line) {
    PublicKey key = parse(line);
    if (!(key instanceof OpenSshCertificate cert)) {
      throw notACertificate("it is a plain public key, not a certificate");
    }
    if (cert.getType() != OpenSshCertificate.Type.USER) {
      throw notACertificate("it is a host certificate, not a user certificate");
    }
    if (!OpenSshCertificate.isValidNow(cert)) {
      throw new Unusable(
          "it is not valid now (valid after "
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
      throw notACertificate("cannot read it: " + e.getClass().getSimpleName());
    }
  }

  private static String epoch(long seconds) {
    if (seconds == OpenSshCertificate.INFINITY) {
      return "forever";
    }
    return Instant.ofEpochSecond(seconds).toString();
  }

  private static Unusable notACertificate(String why) {
    return new Unusable(
        "it is not a usable OpenSSH user certificate ("
            + why
            + "); set sshCert to the one line of the key's -cert.pub file, e.g."
            + " ssh-ed25519-cert-v01@openssh.com AAAA...");
  }

  /** Why the sshCert cannot be offered; caught in {@link #of}, never thrown out of it. */
  private static final class Unusable extends RuntimeException {
    Unusable(String why) {
      super(why, null, false, false);
    }
  }
}
