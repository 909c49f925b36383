package dev.kubeherd.worker.script;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The encodings of the script's {@code Buffer} ({@code buffer.js}), as Node converts them. Bytes
 * travel to and from the script as "binary" strings, one char (0-255) per byte. Encoding names come
 * normalised from {@code buffer.js}: {@code utf8}, {@code utf16le}, {@code latin1}, {@code ascii},
 * {@code base64}, {@code base64url}, {@code hex}.
 */
final class BufferCodec {
  private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

  private BufferCodec() {}

  /** The bytes of {@code text} in {@code encoding}, as a binary string. */
  static String encode(String text, String encoding) {
    byte[] bytes =
        switch (encoding) {
          case "utf8" -> utf8(text);
          case "utf16le" -> utf16le(text);
          case "latin1", "ascii" -> lowBytes(text);
          case "base64", "base64url" -> base64(text);
          case "hex" -> hex(text);
          default -> throw new IllegalArgumentException("Unknown encoding: " + encoding);
        };
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The text the bytes of {@code binary} hold in {@code encoding}. */
  static String decode(String binary, String encoding) {
    byte[] bytes = binary.getBytes(StandardCharsets.ISO_8859_1);
    return switch (encoding) {
      case "utf8" -> new String(bytes, StandardCharsets.UTF_8);
      case "utf16le" -> new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16LE);
      case "latin1" -> binary;
      case "ascii" -> ascii(bytes);
      case "base64" -> Base64.getEncoder().encodeToString(bytes);
      case "base64url" -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      case "hex" -> HexFormat.of().formatHex(bytes);
      default -> throw new IllegalArgumentException("Unknown encoding: " + encoding);
    };
  }

  /** UTF-8, a lone surrogate becoming U+FFFD as in Node (Java would write '?'). */
  private static byte[] utf8(String text) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(REPLACEMENT);
    try {
      ByteBuffer out = encoder.encode(CharBuffer.wrap(text));
      byte[] bytes = new byte[out.remaining()];
      out.get(bytes);
      return bytes;
    } catch (CharacterCodingException e) { // not with REPLACE
      throw new IllegalStateException("UTF-8 encoding failed despite replacement", e);
    }
  }

  /** Each UTF-16 code unit, low byte first, lone surrogates included (as Node). */
  private static byte[] utf16le(String text) {
    byte[] bytes = new byte[text.length() * 2];
    for (int i = 0; i < text.length(); i++) {
      bytes[2 * i] = (byte) text.charAt(i);
      bytes[2 * i + 1] = (byte) (text.charAt(i) >> 8);
    }
    return bytes;
  }

  private static byte[] lowBytes(String text) {
    byte[] bytes = new byte[text.length()];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) text.charAt(i);
    }
    return bytes;
  }

  private static String ascii(byte[] bytes) {
    char[] chars = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      chars[i] = (char) (bytes[i] & 0x7F);
    }
    return new String(chars);
  }

  /** Node's lenient base64: either alphabet, padding optional, anything else skipped. */
  private static byte[] base64(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=') {
        break;
      }
      if (c == '-' || c == '_') {
        sb.append(c == '-' ? '+' : '/');
      } else if (c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/')) {
        sb.append(c);
      }
    }
    if (sb.length() % 4 == 1) { // a lone trailing character holds no whole byte
      sb.setLength(sb.length() - 1);
    }
    return Base64.getDecoder().decode(sb.toString());
  }

  /** Node's hex: pairs of hex digits up to the first that is not one. */
  private static byte[] hex(String text) {
    int pairs = 0;
    while (pairs * 2 + 1 < text.length()
        && HexFormat.isHexDigit(text.charAt(pairs * 2))
        && HexFormat.isHexDigit(text.charAt(pairs * 2 + 1))) {
      pairs++;
    }
    return HexFormat.of().parseHex(text, 0, pairs * 2);
  }
}
