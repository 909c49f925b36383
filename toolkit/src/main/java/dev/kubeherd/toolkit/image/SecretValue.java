package dev.kubeherd.toolkit.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One secret value the build hands to a container (the GitHub token, a file of the SSH directory),
 * with a name that says where it came from. The name is what messages and logs show; {@link
 * #toString()} never shows the value.
 *
 * @param name where the value came from, e.g. {@code the GitHub token from $GITHUB_TOKEN}
 * @param value the secret's bytes
 */
record SecretValue(String name, byte[] value) {
  SecretValue {
    value = value.clone();
  }

  /** A secret given as text (a token): its UTF-8 bytes. */
  static SecretValue ofText(String name, String value) {
    return new SecretValue(name, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A secret file's content without leading and trailing white space, so a copy made through the
   * shell ({@code echo "$(cat key)"}, which may drop or add a final line break) still matches.
   */
  static SecretValue ofFile(String name, byte[] content) {
    int start = 0;
    int end = content.length;
    while (start < end && isSpace(content[start])) {
      start++;
    }
    while (end > start && isSpace(content[end - 1])) {
      end--;
    }
    return new SecretValue(name, Arrays.copyOfRange(content, start, end));
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  int length() {
    return value.length;
  }

  /** Whether {@code haystack[0, length)} holds the value. */
  boolean isIn(byte[] haystack, int length) {
    byte first = value[0];
    int last = length - value.length;
    for (int i = 0; i <= last; i++) {
      if (haystack[i] == first
          && Arrays.equals(haystack, i, i + value.length, value, 0, value.length)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SecretValue s && s.name.equals(name) && Arrays.equals(s.value, value);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SecretValue[" + name + ", " + value.length + " bytes]";
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
