package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a checkout's settings show when printed: whether each credential is set, never a value. */
class CheckoutSettingsTest {
  @Test
  void toStringSaysWhetherTheSshCertIsSetButNeverShowsIt() {
    String cert = "ssh-ed25519-cert-v01@openssh.com AAAAC3NzaC1lZDI1NTE5LWNlcnQ";
    var settings = new CheckoutSettings("-----BEGIN KEY-----", cert, "tok", false);

    assertThat(settings.toString())
        .contains("sshCert=set")
        .doesNotContain("AAAAC3NzaC1lZDI1NTE5LWNlcnQ");
    assertThat(CheckoutSettings.NONE.toString()).contains("sshCert=none");
  }
}
