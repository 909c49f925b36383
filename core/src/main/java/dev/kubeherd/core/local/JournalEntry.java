package dev.kubeherd.core.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One accepted delivery as a {@link DeliveryJournal} record: the delivery key and the exact {@code
 * build.json} content of each of its builds, so replaying it writes the same files.
 *
 * <p>Layout: key length (2 bytes), key (UTF-8), build count (4 bytes), then per build its length (4
 * bytes) and content.
 */
record JournalEntry(String key, List<byte[]> buildFiles) {

  JournalEntry {
    buildFiles = List.copyOf(buildFiles);
  }

  byte[] encode() {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    int size = 2 + keyBytes.length + 4;
    for (byte[] file : buildFiles) {
      size += 4 + file.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.putShort((short) keyBytes.length).put(keyBytes).putInt(buildFiles.size());
    for (byte[] file : buildFiles) {
      buf.putInt(file.length).put(file);
    }
    return buf.array();
  }

  /**
   * @throws IllegalArgumentException when {@code record} is not an entry
   */
  static JournalEntry decode(byte[] record) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(record);
      byte[] keyBytes = new byte[Short.toUnsignedInt(buf.getShort())];
      buf.get(keyBytes);
      int count = buf.getInt();
      List<byte[]> files = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] file = new byte[buf.getInt()];
        buf.get(file);
        files.add(file);
      }
      if (buf.hasRemaining()) {
        throw new IllegalArgumentException(buf.remaining() + " bytes after the last build");
      }
      return new JournalEntry(new String(keyBytes, StandardCharsets.UTF_8), files);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a delivery journal entry: " + e.getMessage(), e);
    }
  }
}
