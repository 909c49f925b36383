package dev.kubeherd.core.local;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import dev.kubeherd.core.model.BuildRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.databind.ObjectWriter;

/**
 * A build as a {@link JournalEntry} holds it: its ID and project (read from the entry, to index it)
 * and its {@code build.json} in two parts, put together only when the build file is written.
 */
record JournaledBuild(String id, String projectId, JournalEntry.Part part) {
  /** The entry's build file part: compact (files are indented, entries are read by code only). */
  private static final ObjectWriter META = Json.MAPPER.writerFor(BuildFile.class);

  /**
   * A new build's entry part: the build file without its payload, and the payload's bytes.
   *
   * @param payloadUtf8 bytes that decode to the build's payload, if the caller has them (the
   *     delivery's body); else the payload is encoded here
   */
  static JournaledBuild of(BuildFile file, Optional<byte[]> payloadUtf8) {
    BuildRequest r = file.request();
    BuildFile meta = new BuildFile(file.id(), file.createdAt(), withPayload(r, ""));
    byte[] payload = payloadUtf8.orElseGet(() -> r.payload().getBytes(StandardCharsets.UTF_8));
    byte[] metaJson = BuildMetaJson.encode(meta).orElseGet(() -> META.writeValueAsBytes(meta));
    return new JournaledBuild(file.id(), r.projectId(), new JournalEntry.Part(metaJson, payload));
  }

  /** A build read back from an entry. */
  static JournaledBuild read(JournalEntry.Part part, JsonFiles json) {
    BuildFile meta = json.parse(part.meta(), BuildFile.class);
    return new JournaledBuild(meta.id(), meta.request().projectId(), part);
  }

  /** The whole build file. */
  BuildFile file(JsonFiles json) {
    BuildFile meta = json.parse(part.meta(), BuildFile.class);
    if (part.payload() == null) {
      return meta; // a version 1 entry holds the whole file
    }
    String payload = new String(part.payload(), StandardCharsets.UTF_8);
    return new BuildFile(meta.id(), meta.createdAt(), withPayload(meta.request(), payload));
  }

  /** The bytes of {@code build.json}. */
  byte[] content(JsonFiles json) {
    return part.payload() == null ? part.meta() : json.toBytes(file(json));
  }

  private static BuildRequest withPayload(BuildRequest r, String payload) {
    return new BuildRequest(
        r.projectId(),
        r.type(),
        r.provider(),
        r.revision(),
        payload,
        r.script(),
        r.config(),
        r.logLevel(),
        r.shortTitle(),
        r.longTitle(),
        r.cloneUrl());
  }
}
