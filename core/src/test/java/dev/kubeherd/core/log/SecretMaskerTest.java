package dev.kubeherd.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
  private final List<String> out = new ArrayList<>();

  @Test
  void theLongestOfOverlappingSecretsWins() {
    SecretMasker m = new SecretMasker(Set.of("abc", "abcdef", "defxyz"), out::add);

    m.write("abcdefxyz abcdeX abdefxyz");
    m.flush();

    assertThat(String.join("", out)).isEqualTo("***xyz ***deX ab***");
  }

  @Test
  void holdsBackNoMoreThanTheLongestSecretLessOne() {
    SecretMasker m = new SecretMasker(Set.of("secret-value"), out::add);

    m.write("xx secret-valu");

    assertThat(m.heldLength()).isEqualTo("secret-value".length() - 1);
    assertThat(String.join("", out)).isEqualTo("xx ");
  }

  @Test
  void aHighSurrogateAtTheEndOfAWriteWaitsForItsPair() {
    SecretMasker m = new SecretMasker(Set.of("zzz"), out::add);
    String party = "🎉";

    m.write("a" + party.charAt(0));
    assertThat(out).containsExactly("a");
    m.write(party.charAt(1) + "b");

    assertThat(out).containsExactly("a", party + "b");
  }

  @Test
  void withoutSecretsTextPassesUnchanged() {
    SecretMasker m = new SecretMasker(Set.of(), out::add);

    m.write("abc");

    assertThat(out).containsExactly("abc");
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> new SecretMasker(Set.of(""), out::add))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
