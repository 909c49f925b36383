package dev.kubeherd.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import org.junit.jupiter.api.Test;

class PemPrivateKeysTest {

  @Test
  void readsPkcs8Keys() {
    PrivateKey key = PemPrivateKeys.read(TestKeys.pkcs8Pem(), "key.pem");

    assertThat(key.getEncoded()).isEqualTo(TestKeys.PAIR.getPrivate().getEncoded());
  }

  @Test
  void readsPkcs1KeysAsGithubDownloadsThem() {
    PrivateKey key = PemPrivateKeys.read(TestKeys.pkcs1Pem(), "key.pem");

    assertThat(key.getEncoded()).isEqualTo(TestKeys.PAIR.getPrivate().getEncoded());
  }

  @Test
  void textWithoutAKeyIsRefusedNamingTheSource() {
    assertThatThrownBy(() -> PemPrivateKeys.read("not a key", "/etc/app/key.pem"))
        .isInstanceOf(InvalidAppKeyException.class)
        .hasMessageContaining("/etc/app/key.pem")
        .hasMessageContaining("--key-file");
  }

  @Test
  void aDamagedKeyIsRefusedWithoutQuotingIt() {
    String damaged =
        "-----BEGIN RSA PRIVATE KEY-----\nTUlJQkFBQUFBQUFBQQ==\n-----END RSA PRIVATE KEY-----\n";

    assertThatThrownBy(() -> PemPrivateKeys.read(damaged, "key.pem"))
        .isInstanceOf(InvalidAppKeyException.class)
        .hasMessageContaining("damaged")
        .hasMessageNotContaining("TUlJQkFB");
  }
}
