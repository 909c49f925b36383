package dev.kubeherd.worker.script;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BufferCodecTest {

  private static String bytes(int... values) {
    StringBuilder sb = new StringBuilder();
    for (int v : values) {
      sb.append((char) v);
    }
    return sb.toString();
  }

  @Test
  void base64DecodingIsLenientLikeNodes() {
    assertThat(BufferCodec.encode("aGk=", "base64")).isEqualTo("hi");
    assertThat(BufferCodec.encode("aGk", "base64")).isEqualTo("hi");
    assertThat(BufferCodec.encode(" a G\nk = junk", "base64")).isEqualTo("hi");
    assertThat(BufferCodec.encode("-_8", "base64url")).isEqualTo(bytes(0xFB, 0xFF));
    assertThat(BufferCodec.encode("aGkx2", "base64")).isEqualTo("hi1");
  }

  @Test
  void hexStopsAtTheFirstCharacterThatIsNotAHexPair() {
    assertThat(BufferCodec.encode("6869zz41", "hex")).isEqualTo("hi");
    assertThat(BufferCodec.encode("686", "hex")).isEqualTo("h");
    assertThat(BufferCodec.decode("hi", "hex")).isEqualTo("6869");
  }

  @Test
  void textEncodingsRoundTripAndReplaceWhatTheyCannotHold() {
    assertThat(BufferCodec.encode("\uD800x", "utf8")).isEqualTo(bytes(0xEF, 0xBF, 0xBD, 'x'));
    assertThat(BufferCodec.decode(bytes(0xC3), "utf8")).isEqualTo("\uFFFD");
    assertThat(BufferCodec.encode("h\u00e9", "utf16le")).isEqualTo(bytes('h', 0, 0xE9, 0));
    assertThat(BufferCodec.decode(bytes('h', 0, 0xE9, 0, 7), "utf16le")).isEqualTo("h\u00e9");
    assertThat(BufferCodec.encode("\u0141", "latin1")).isEqualTo(bytes(0x41));
    assertThat(BufferCodec.decode(bytes(0xC1), "ascii")).isEqualTo("A");
    assertThat(BufferCodec.decode(bytes(0xFB, 0xFF), "base64url")).isEqualTo("-_8");
    assertThat(BufferCodec.decode("hi", "base64")).isEqualTo("aGk=");
  }
}
