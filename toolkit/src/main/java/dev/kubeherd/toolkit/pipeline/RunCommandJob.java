package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code brigadm run "CMD"}: one job, {@value #JOB} with IMAGE and the task CMD, on the project's
 * pipeline. The build runs a fixed bundled script; CMD and IMAGE travel as the event payload
 * (JSON), so nothing the user types becomes script text.
 */
public final class RunCommandJob {
  public static final String EVENT = "run";
  public static final String JOB = "brigadm-run";

  /** The kubeherd toolbox image (the same one the {@code kubeherd} JS library's jobs run). */
  public static final String TOOLBOX_IMAGE = "ghcr.io/kubeherd/kubeherd:latest";

  static final String SCRIPT = "brigadm-run.js";

  private final EventFiring events;

  public RunCommandJob(EventFiring events) {
    this.events = events;
  }

  /** Fires the {@value #EVENT} build running {@code command} in {@code image} at {@code commit}. */
  public Build fire(
      Project project, String command, String image, String commit, Map<String, String> env) {
    return events.fire(project, EVENT, payload(command, image, env), script(), commit);
  }

  /** The event payload: {@code {"command": ..., "image": ..., "env": {...}}} (pure). */
  public static String payload(String command, String image, Map<String, String> env) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("command", command);
    p.put("image", image);
    p.put("env", env);
    return Json.MAPPER.writeValueAsString(p);
  }

  /** The fixed script every run build executes. */
  public static String script() {
    try (InputStream in = RunCommandJob.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from kubeherd-toolkit");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
