package dev.kubeherd.core;

import tools.jackson.databind.json.JsonMapper;

/**
 * The process's one Jackson mapper. Building a mapper is costly on a cold JVM (a measurable part of
 * {@code brig run}'s start-up), so everything shares this one; it is immutable and thread-safe.
 */
public final class Json {
  public static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}
}
