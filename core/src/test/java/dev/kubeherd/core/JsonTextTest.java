package dev.kubeherd.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Strings written by hand are the strings Jackson writes, escapes included. */
class JsonTextTest {

  @Test
  void everyAsciiCharacterIsWrittenAsJacksonWritesIt() {
    for (char c = 0; c < 0x80; c++) {
      assertSameAsJackson(String.valueOf(c));
    }
  }

  @Test
  void textBeyondAsciiIncludingSurrogatePairsIsWrittenAsJacksonWritesIt() {
    for (String text :
        List.of(
            "",
            "quote \" backslash \\ slash / tab \t newline \n return \r",
            "ünïcödé – ✓ 日本",
            "emoji 🚀🎉 in pairs",
            "\u2028\u2029\u007f\u0080\u00ff\uffff")) {
      assertSameAsJackson(text);
    }
  }

  @Test
  void randomTextMatchesJackson() {
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = random.nextInt(30); j > 0; j--) {
        switch (random.nextInt(4)) {
          case 0 -> text.append((char) random.nextInt(0x80));
          case 1 -> text.append((char) (0x80 + random.nextInt(0xD800 - 0x80)));
          case 2 -> text.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
          default -> text.append((char) (0xE000 + random.nextInt(0x2000)));
        }
      }
      assertSameAsJackson(text.toString());
    }
  }

  @Test
  void aLoneSurrogateOrNullIsLeftToJackson() {
    assertThat(JsonText.appendQuoted(new StringBuilder(), "half \uD800 of a pair")).isFalse();
    assertThat(JsonText.appendQuoted(new StringBuilder(), "\uDC00 low first")).isFalse();
    assertThat(JsonText.appendQuoted(new StringBuilder(), "ends high \uD83D")).isFalse();
    assertThat(JsonText.appendQuoted(new StringBuilder(), null)).isFalse();
  }

  private static void assertSameAsJackson(String text) {
    StringBuilder out = new StringBuilder();
    assertThat(JsonText.appendQuoted(out, text)).isTrue();
    assertThat(out.toString()).isEqualTo(Json.MAPPER.writeValueAsString(text));
  }
}
