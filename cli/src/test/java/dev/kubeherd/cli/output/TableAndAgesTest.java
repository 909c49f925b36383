package dev.kubeherd.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TableAndAgesTest {

  @Test
  void tablePadsColumnsToTheWidestCellWithoutTrailingSpaces() {
    StringWriter text = new StringWriter();

    Table.withHeader("A", "LONG HEADER", "C")
        .row("wide cell", "x", "")
        .print(new PrintWriter(text));

    assertThat(text.toString()).isEqualTo("A          LONG HEADER  C\nwide cell  x\n");
  }

  @Test
  void tableRejectsRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> Table.withHeader("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void agesAreShortAndHuman() {
    assertThat(Ages.shortHuman(Duration.ofSeconds(-3))).isEqualTo("0s");
    assertThat(Ages.shortHuman(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(Ages.shortHuman(Duration.ofMinutes(59))).isEqualTo("59m");
    assertThat(Ages.shortHuman(Duration.ofHours(5))).isEqualTo("5h");
    assertThat(Ages.shortHuman(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(Ages.shortHuman(Duration.ofDays(800))).isEqualTo("2y");
  }
}
