package dev.kubeherd.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Project;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretValuesTest {

  @Test
  void collectsProjectSecretsKeysTokensAndOwnSecretSettings() {
    Project p =
        new Project(
            "brigade-x",
            "acme/app",
            "ns",
            Map.of(
                "secrets", "{\"dbPassword\":\"pw-123\",\"port\":5432,\"none\":null}",
                "sshKey", "-----BEGIN KEY-----\nAAAAB3Nza\n-----END KEY-----\n",
                "github.token", "ghp_abc",
                "sharedSecret", "shh-shared",
                "genericGatewaySecret", "gen-secret",
                "kubeherd.registryGatewayToken", "reg-token",
                "kubeherd.workerMode", "pool",
                "cloneURL", "https://example.com/acme/app.git"));

    SecretValues v = SecretValues.of(p);

    assertThat(v.values())
        .containsExactlyInAnyOrder(
            "pw-123",
            "5432",
            "-----BEGIN KEY-----",
            "AAAAB3Nza",
            "-----END KEY-----",
            "ghp_abc",
            "shh-shared",
            "gen-secret",
            "reg-token");
    assertThat(v.tooShort()).isEmpty();
  }

  @Test
  void secretsKeysTheProjectMarksAsPlainSettingsAreNotMasked() {
    Project p =
        new Project(
            "brigade-x",
            "acme/app",
            "ns",
            Map.of(
                "secrets", "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\",\"dbPassword\":\"pw-123\"}",
                "kubeherd.plainSecrets", "ENV, CLUSTER"));

    assertThat(SecretValues.of(p).values()).containsExactly("pw-123");
  }

  @Test
  void valuesShorterThanTheMinimumAreNamedNotMasked() {
    Project p =
        new Project("brigade-x", "a/b", "", Map.of("secrets", "{\"pin\":\"42\",\"ok\":\"abc\"}"));

    SecretValues v = SecretValues.of(p);

    assertThat(v.values()).containsExactly("abc");
    assertThat(v.tooShort()).containsExactly("secrets.pin");
  }

  @Test
  void maskHidesEveryValueInAWholeText() {
    SecretValues v = new SecretValues(java.util.Set.of("pw-123", "pw-1234"), java.util.Set.of());

    assertThat(v.mask("a pw-1234 b pw-123\nc pw-12")).isEqualTo("a *** b ***\nc pw-12");
    assertThat(SecretValues.NONE.mask("pw-123")).isEqualTo("pw-123");
  }

  @Test
  void aProjectWithoutSecretsHasNothingToMask() {
    assertThat(SecretValues.of(new Project("brigade-x", "a/b", "", Map.of())).isEmpty()).isTrue();
  }
}
