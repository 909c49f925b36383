package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The md5 of a Dockerfile's bytes, in lower-case hex (what {@code md5sum} prints): the key of a
 * cache chain. md5 is a content key here, not a security measure.
 */
public final class ContentHash {
  private ContentHash() {}

  public static String md5(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  public static String md5(Path file) {
    try {
      return md5(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
