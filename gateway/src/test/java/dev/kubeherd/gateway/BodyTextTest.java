package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A body's text is what decoding it as UTF-8 gives, by whichever path it is decoded. */
class BodyTextTest {

  @Test
  void asciiBodiesOfEveryLengthAreTakenAsTheyAre() {
    byte[] ascii = new byte[70];
    for (int i = 0; i < ascii.length; i++) {
      ascii[i] = (byte) (i + 0x20);
    }
    for (int length = 0; length <= ascii.length; length++) {
      byte[] body = Arrays.copyOf(ascii, length);
      assertThat(BodyText.isAscii(body)).isTrue();
      assertThat(BodyText.of(body)).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }
  }

  @Test
  void oneNonAsciiByteAnywhereIsDecodedAsUtf8() {
    byte[] text = "{\"message\":\"héllo wörld, ✓ and 🚀\"}".getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at < 40; at++) {
      byte[] body = new byte[40];
      Arrays.fill(body, (byte) 'a');
      body[at] = (byte) 0xC3; // a lone lead byte: malformed, decoded as U+FFFD
      assertThat(BodyText.isAscii(body)).as("at %d", at).isFalse();
      assertThat(BodyText.of(body)).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }
    assertThat(BodyText.of(text)).isEqualTo("{\"message\":\"héllo wörld, ✓ and 🚀\"}");
  }

  @Test
  void randomBodiesDecodeAsTheJdkDecodesThem() {
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      byte[] body = new byte[random.nextInt(100)];
      for (int j = 0; j < body.length; j++) {
        body[j] = (byte) (random.nextInt(10) == 0 ? random.nextInt(256) : random.nextInt(0x80));
      }
      assertThat(BodyText.of(body)).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }
  }
}
