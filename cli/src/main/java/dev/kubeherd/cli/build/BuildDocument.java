package dev.kubeherd.cli.build;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.secret.DocumentFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * A build as {@code brig build get} and {@code build list -o json} print it. Field names follow the
 * v1 build secret keys. Script, payload and config are base64 in JSON (v1 printed bytes that way)
 * and plain text in YAML, where they appear only when asked for. The worker has v1's fields ({@code
 * build_id}, {@code project_id}; unknown times are Go's zero time, an unknown exit code 0) plus
 * {@code claimed_by} and {@code message}.
 */
final class BuildDocument {
  private BuildDocument() {}

  static ObjectNode of(Build build, DocumentFormat format, boolean withContent) {
    BuildRequest r = build.request();
    ObjectNode node = DocumentFormat.object();
    node.put("id", build.id());
    node.put("project_id", r.projectId());
    node.put("type", r.type());
    node.put("provider", r.provider());
    ObjectNode revision = node.putObject("revision");
    revision.put("commit", r.revision().commit());
    revision.put("ref", r.revision().ref());
    node.put("short_title", r.shortTitle());
    node.put("long_title", r.longTitle());
    node.put("clone_url", r.cloneUrl());
    node.put("log_level", r.logLevel());
    node.put("created_at", build.createdAt().toString());
    node.set("worker", worker(build));
    if (format == DocumentFormat.JSON || withContent) {
      boolean base64 = format == DocumentFormat.JSON;
      node.put("script", content(r.script(), base64));
      node.put("payload", content(r.payload(), base64));
      node.put("config", content(r.config(), base64));
    }
    return node;
  }

  private static ObjectNode worker(Build build) {
    BuildStatus s = build.status();
    ObjectNode worker = DocumentFormat.object();
    worker.put("id", build.workerName());
    worker.put("build_id", build.id());
    worker.put("project_id", build.request().projectId());
    worker.put("claimed_by", s.worker());
    worker.put("status", s.phase().display());
    worker.put("start_time", time(s.startedAt()));
    worker.put("end_time", time(s.finishedAt()));
    worker.put("exit_code", s.exitCode().orElse(0)); // v1: 0 until known
    worker.put("message", s.message());
    return worker;
  }

  /** Go's zero time, what v1 printed for a time not known yet. */
  static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private static String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(ZERO_TIME);
  }

  private static String content(String text, boolean base64) {
    return base64
        ? Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        : text;
  }
}
