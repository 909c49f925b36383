package dev.kubeherd.toolkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationSyntaxTest {
  @Test
  void shortFormsAndIsoAreAccepted() {
    assertThat(DurationSyntax.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationSyntax.parse(" 15S ")).isEqualTo(Duration.ofSeconds(15));
    assertThat(DurationSyntax.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationSyntax.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationSyntax.parse("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(DurationSyntax.parse("PT15S")).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void anythingElseNamesTheAcceptedForms() {
    assertThatThrownBy(() -> DurationSyntax.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'soon'")
        .hasMessageContaining("30d");
  }
}
