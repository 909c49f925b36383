package dev.kubeherd.core.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One accepted delivery as a {@link DeliveryJournal} record: the delivery key and its builds, each
 * as the {@code build.json} content without the payload ({@code meta}) and the payload's UTF-8
 * bytes. Keeping the payload apart spares the gateway escaping it into a JSON string on every
 * delivery; the build file is put together when the build is {@linkplain JournaledBuild#file
 * materialized}.
 *
 * <p>Layout (version 2): the byte {@code 2}, key length (2 bytes), key (UTF-8), build count (4
 * bytes), then per build its meta length (4 bytes), meta, payload length (4 bytes) and payload.
 * Version 1 entries (written before 2026-11-27) start straight with the key length, whose first
 * byte is always 0 (keys are at most 128 bytes), and hold each build's whole {@code build.json};
 * they are still read, with an empty payload part.
 */
record JournalEntry(String key, List<Part> builds) {
  private static final byte VERSION = 2;

  /** One build of the entry. */
  record Part(byte[] meta, byte[] payload) {}

  JournalEntry {
    builds = List.copyOf(builds);
  }

  byte[] encode() {
    byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
    int size = 1 + 2 + keyBytes.length + 4;
    for (Part part : builds) {
      size += 8 + part.meta().length + part.payload().length;
    }
    ByteBuffer buf = ByteBuffer.allocate(size);
    buf.put(VERSION).putShort((short) keyBytes.length).put(keyBytes).putInt(builds.size());
    for (Part part : builds) {
      buf.putInt(part.meta().length).put(part.meta());
      buf.putInt(part.payload().length).put(part.payload());
    }
    return buf.array();
  }

  /**
   * @throws IllegalArgumentException when {@code record} is not an entry
   */
  static JournalEntry decode(byte[] record) {
    try {
      ByteBuffer buf = ByteBuffer.wrap(record);
      boolean v2 = record.length > 0 && record[0] == VERSION;
      if (v2) {
        buf.get();
      }
      byte[] keyBytes = bytes(buf, Short.toUnsignedInt(buf.getShort()));
      int count = buf.getInt();
      List<Part> parts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] meta = bytes(buf, buf.getInt());
        byte[] payload = v2 ? bytes(buf, buf.getInt()) : null;
        parts.add(new Part(meta, payload));
      }
      if (buf.hasRemaining()) {
        throw new IllegalArgumentException(buf.remaining() + " bytes after the last build");
      }
      return new JournalEntry(new String(keyBytes, StandardCharsets.UTF_8), parts);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a delivery journal entry: " + e.getMessage(), e);
    }
  }

  private static byte[] bytes(ByteBuffer buf, int length) {
    if (length < 0 || length > buf.remaining()) {
      throw new IllegalArgumentException("a length of " + length + " runs past the record");
    }
    byte[] out = new byte[length];
    buf.get(out);
    return out;
  }
}
