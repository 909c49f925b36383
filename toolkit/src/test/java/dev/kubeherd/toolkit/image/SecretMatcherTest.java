package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Finding secret values in bytes ({@link SecretMatcher}), by name and never by value. */
class SecretMatcherTest {
  static final String TOKEN = "ghp_matcherToken0123456789abcdef";
  static final SecretValue GITHUB =
      SecretValue.ofText("the GitHub token from $GITHUB_TOKEN", TOKEN);
  static final SecretValue KEY =
      SecretValue.ofFile(
          "the SSH directory's file /home/ci/.ssh/id_ed25519",
          "\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----\n\n"
              .getBytes(StandardCharsets.UTF_8));

  @Test
  void aValueInTheStreamIsFoundByItsName() throws IOException {
    SecretMatcher matcher = new SecretMatcher(List.of(GITHUB, KEY));

    assertThat(matcher.findIn(stream("[credential]\nhttps://bot:" + TOKEN + "@github.com\n")))
        .containsExactly(GITHUB.name());
  }

  @Test
  void aStreamWithoutAnyValueFindsNothing() throws IOException {
    SecretMatcher matcher = new SecretMatcher(List.of(GITHUB, KEY));

    assertThat(matcher.findIn(stream("ghp_matcherToken0123456789abcde only nearly the token")))
        .isEmpty();
  }

  @Test
  void aValueSplitAcrossTwoReadsIsFoundAtEveryOffset() throws IOException {
    int chunk = 7;
    for (int offset = 0; offset < 3 * chunk; offset++) {
      String text = "x".repeat(offset) + TOKEN + "y".repeat(5);
      SecretMatcher matcher = new SecretMatcher(List.of(GITHUB), chunk);

      assertThat(matcher.findIn(stream(text))).as("at offset %d", offset).hasSize(1);
    }
  }

  @Test
  void aValueLongerThanAReadIsFound() throws IOException {
    SecretMatcher matcher = new SecretMatcher(List.of(KEY), 3);
    String copied =
        "key:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----";

    assertThat(matcher.findIn(stream(copied))).containsExactly(KEY.name());
  }

  @Test
  void aFileSecretIsFoundWithoutTheLineBreaksAroundIt() throws IOException {
    SecretMatcher matcher = new SecretMatcher(List.of(KEY));
    String echoed =
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY-----";

    assertThat(matcher.findIn(stream(echoed))).containsExactly(KEY.name());
  }

  @Test
  void valuesUnderEightBytesAreNotLookedForButNamed() throws IOException {
    SecretValue shortOne = SecretValue.ofText("the SSH directory's file config", "Host *");
    SecretMatcher matcher = new SecretMatcher(List.of(shortOne, GITHUB));

    assertThat(matcher.findIn(stream("Host *\n"))).isEmpty();
    assertThat(matcher.ignored()).containsExactly(shortOne.name());
    assertThat(matcher.names()).containsExactly(GITHUB.name());
    assertThat(new SecretMatcher(List.of(shortOne)).isEmpty()).isTrue();
  }

  @Test
  void bothValuesAreNamedWhenBothAreThere() throws IOException {
    SecretMatcher matcher = new SecretMatcher(List.of(GITHUB, KEY), 16);
    String text = new String(KEY.value(), StandardCharsets.UTF_8) + "\n" + TOKEN;

    assertThat(matcher.findIn(stream(text))).containsExactlyInAnyOrder(GITHUB.name(), KEY.name());
  }

  @Test
  void aPathIsRedactedForMessagesAndTheValueNeverShowsInToString() {
    SecretMatcher matcher = new SecretMatcher(List.of(GITHUB));

    assertThat(matcher.findIn("/root/.cache/" + TOKEN)).containsExactly(GITHUB.name());
    assertThat(matcher.redact("/root/.cache/" + TOKEN + "/x")).isEqualTo("/root/.cache/***/x");
    assertThat(GITHUB.toString()).doesNotContain(TOKEN).contains(GITHUB.name());
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
