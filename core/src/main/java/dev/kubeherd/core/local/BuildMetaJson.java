package dev.kubeherd.core.local;

import dev.kubeherd.core.JsonText;
import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import dev.kubeherd.core.model.BuildRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A journal entry's build part ({@link JournaledBuild#of}) written by hand: the same bytes as
 * Jackson's compact {@link BuildFile}, without its per-call set-up, which cost a gateway's delivery
 * thread more than the rest of the entry (P4 in {@code docs/benchmarks.md}). {@code
 * BuildMetaJsonTest} holds it to Jackson's output; entries are read back with Jackson.
 */
final class BuildMetaJson {
  private BuildMetaJson() {}

  /** The compact JSON of {@code file}, or empty when a field needs Jackson (a lone surrogate). */
  static Optional<byte[]> encode(BuildFile file) {
    BuildRequest r = file.request();
    StringBuilder out = new StringBuilder(512);
    boolean written =
        field(out.append('{'), "id", file.id())
            && field(out.append(','), "createdAt", file.createdAt().toString())
            && field(out.append(",\"request\":{"), "projectId", r.projectId())
            && field(out.append(','), "type", r.type())
            && field(out.append(','), "provider", r.provider())
            && field(out.append(",\"revision\":{"), "commit", r.revision().commit())
            && field(out.append(','), "ref", r.revision().ref())
            && field(out.append("},"), "payload", r.payload())
            && field(out.append(','), "script", r.script())
            && field(out.append(','), "config", r.config())
            && field(out.append(','), "logLevel", r.logLevel())
            && field(out.append(','), "shortTitle", r.shortTitle())
            && field(out.append(','), "longTitle", r.longTitle())
            && field(out.append(','), "cloneUrl", r.cloneUrl());
    return written
        ? Optional.of(out.append("}}").toString().getBytes(StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private static boolean field(StringBuilder out, String name, String value) {
    out.append('"').append(name).append("\":");
    return JsonText.appendQuoted(out, value);
  }
}
