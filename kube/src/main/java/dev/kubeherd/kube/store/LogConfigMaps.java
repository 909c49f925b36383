package dev.kubeherd.kube.store;

import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import dev.kubeherd.kube.brigade.KubeherdAnnotations;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The layout of logs in ConfigMaps, pure: one source's log is chunk 0, 1, 2… named {@code
 * brigade-log-<build>-<hash>-<n>} (the hash, of build ID and source, keeps names short and valid
 * whatever the source), labelled {@code heritage=brigade, component=log, build=<id>}, with the
 * source, chunk number and (on chunk 0) the source's first write time in annotations, and the text
 * under key {@code log}. Chunks after the first also record in an annotation how many bytes the
 * previous chunk held when they were created: the writer appends to a chunk, then starts the next,
 * so that is all the previous chunk will ever hold, and a reader can tell a copy of it taken before
 * its last append.
 */
final class LogConfigMaps {
  static final String KEY = "log";
  private static final Pattern SOURCE = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

  private LogConfigMaps() {}

  /**
   * @throws IllegalArgumentException unless the source could be a pod name
   */
  static String checkSource(String source) {
    if (source == null || !SOURCE.matcher(source).matches() || source.contains("..")) {
      throw new IllegalArgumentException(
          "log source \""
              + source
              + "\" is not a valid name: use worker or a job's pod name (lower-case letters,"
              + " digits, '-' and '.')");
    }
    return source;
  }

  static String name(String buildId, String source, int chunk) {
    String hash = ProjectIds.shortSha(buildId + "/" + source).substring(0, 12);
    return "brigade-log-" + buildId.toLowerCase(Locale.ROOT) + "-" + hash + "-" + chunk;
  }

  static ConfigMap newChunk(
      String namespace,
      String buildId,
      String source,
      int chunk,
      Instant startedAt,
      List<OwnerReference> owners,
      String text,
      int previousBytes) {
    Map<String, String> annotations = new HashMap<>();
    annotations.put(KubeherdAnnotations.LOG_SOURCE, source);
    annotations.put(KubeherdAnnotations.LOG_CHUNK, Integer.toString(chunk));
    if (chunk == 0) {
      annotations.put(KubeherdAnnotations.LOG_STARTED_AT, startedAt.toString());
    } else {
      annotations.put(KubeherdAnnotations.LOG_PREVIOUS_BYTES, Integer.toString(previousBytes));
    }
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(buildId, source, chunk))
        .withNamespace(namespace)
        .withLabels(BrigadeLabels.logLabels(buildId))
        .withAnnotations(annotations)
        .withOwnerReferences(owners)
        .endMetadata()
        .withData(Map.of(KEY, text))
        .build();
  }

  static String text(ConfigMap chunk) {
    return chunk.getData() == null ? "" : chunk.getData().getOrDefault(KEY, "");
  }

  /**
   * Whether {@code chunk}, as read, lacks text that was appended to it before {@code next} was
   * created (it was read before its last append). False when {@code next} does not say (written by
   * an older kubeherd, or edited by hand).
   */
  static boolean endsEarly(ConfigMap chunk, ConfigMap next) {
    try {
      int previousBytes =
          Integer.parseInt(annotation(next, KubeherdAnnotations.LOG_PREVIOUS_BYTES));
      return utf8Length(text(chunk)) < previousBytes;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String annotation(ConfigMap cm, String key) {
    Map<String, String> a = cm.getMetadata().getAnnotations();
    return a == null ? "" : a.getOrDefault(key, "");
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * The longest start of {@code text} that fits in {@code room} UTF-8 bytes, cut after a newline
   * when there is one so lines stay whole within a chunk; cut inside a line only when the chunk is
   * still empty (a line longer than a chunk). Never splits a surrogate pair.
   */
  static String fitting(String text, int room, boolean chunkEmpty) {
    if (room <= 0) {
      return "";
    }
    if (utf8Length(text) <= room) {
      return text;
    }
    int bytes = 0;
    int end = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + size > room) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
    }
    int newline = text.lastIndexOf('\n', end - 1);
    if (newline >= 0) {
      return text.substring(0, newline + 1);
    }
    return chunkEmpty ? text.substring(0, end) : "";
  }
}
