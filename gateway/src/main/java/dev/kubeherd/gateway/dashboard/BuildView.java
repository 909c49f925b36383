package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds and jobs as the read API shows them: times as ISO-8601 strings (null until known), the
 * duration in milliseconds once both ends are known, the exit code once there is one. The payload,
 * script and config of a build are not shown. Pure.
 */
final class BuildView {
  private BuildView() {}

  /**
   * @param projectName the project's name, or {@code ""} when the project is gone
   */
  static Map<String, Object> of(Build build, String projectName) {
    BuildRequest r = build.request();
    BuildStatus s = build.status();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", build.id());
    view.put("projectId", r.projectId());
    view.put("projectName", projectName);
    view.put("event", r.type());
    view.put("provider", r.provider());
    view.put("revision", Map.of("commit", r.revision().commit(), "ref", r.revision().ref()));
    view.put("shortTitle", r.shortTitle());
    view.put("longTitle", r.longTitle());
    view.put("logLevel", r.logLevel());
    view.put("createdAt", build.createdAt().toString());
    view.put("worker", build.workerName());
    view.put("claimedBy", s.worker());
    view.put("phase", s.phase().display());
    view.put("startedAt", time(s.startedAt()));
    view.put("finishedAt", time(s.finishedAt()));
    view.put("durationMs", millis(s.startedAt(), s.finishedAt()));
    view.put("exitCode", s.exitCode().orElse(null));
    view.put("message", s.message());
    return view;
  }

  static Map<String, Object> job(JobRecord job) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", job.name());
    view.put("pod", job.podName());
    view.put("image", job.image());
    view.put("phase", job.phase().display());
    view.put("startedAt", time(job.startedAt()));
    view.put("finishedAt", time(job.finishedAt()));
    view.put("durationMs", millis(job.startedAt(), job.finishedAt()));
    view.put("exitCode", job.exitCode().orElse(null));
    return view;
  }

  private static String time(Optional<Instant> t) {
    return t.map(Instant::toString).orElse(null);
  }

  private static Long millis(Optional<Instant> start, Optional<Instant> end) {
    if (start.isEmpty() || end.isEmpty()) {
      return null;
    }
    return Duration.between(start.get(), end.get()).toMillis();
  }
}
