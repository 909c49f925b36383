package dev.kubeherd.gateway.github;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** {@link Hmac} with the JDK's {@link Mac}: always there, slow without C2. */
final class JdkHmac implements Hmac {
  @Override
  public byte[] compute(Algorithm algorithm, byte[] key, byte[] data) {
    Hmac.requireKey(key);
    try {
      Mac mac = Mac.getInstance(algorithm.jdkName());
      mac.init(new SecretKeySpec(key, algorithm.jdkName()));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm.jdkName() + " is required by the Java platform", e);
    }
  }

  @Override
  public String implementation() {
    return "JDK";
  }
}
