package dev.kubeherd.kube.brigade;

import static dev.kubeherd.kube.brigade.KubeherdAnnotations.EXIT_CODE;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.FINISHED_AT;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.MESSAGE;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.PHASE;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.STARTED_AT;
import static dev.kubeherd.kube.brigade.KubeherdAnnotations.WORKER;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Build status ⇄ the {@code kubeherd.dev/*} annotations of a build Secret (ADR 0002). Pure.
 *
 * <p>A build Secret without {@code kubeherd.dev/phase} is {@code Pending}, or {@code Running} once
 * a v1 controller labelled it {@code status=accepted} (its worker pod, named after the Secret, is
 * then the worker; the pod's own phase is not looked up).
 */
public final class StatusAnnotations {
  /** Longest message kept; annotations share a 256 KiB budget per object. */
  static final int MAX_MESSAGE = 4096;

  private StatusAnnotations() {}

  /** The annotations for {@code status}; absent values are left out. */
  public static Map<String, String> write(BuildStatus status) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(PHASE, status.phase().display());
    putIfNotEmpty(out, WORKER, status.worker());
    status.startedAt().ifPresent(t -> out.put(STARTED_AT, t.toString()));
    status.finishedAt().ifPresent(t -> out.put(FINISHED_AT, t.toString()));
    status.exitCode().ifPresent(c -> out.put(EXIT_CODE, Integer.toString(c)));
    String message = status.message();
    putIfNotEmpty(
        out, MESSAGE, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
    return out;
  }

  /**
   * The status written by {@link #write}, or the v1 reading when there is none.
   *
   * @throws IllegalArgumentException saying which annotation is unreadable
   */
  public static BuildStatus read(
      String secretName, Map<String, String> labels, Map<String, String> annotations) {
    String phase = annotations.get(PHASE);
    if (phase == null) {
      boolean accepted = BrigadeLabels.STATUS_ACCEPTED.equals(labels.get(BrigadeLabels.STATUS));
      return accepted
          ? new BuildStatus(
              BuildPhase.RUNNING,
              secretName,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              "")
          : BuildStatus.pending();
    }
    return new BuildStatus(
        parsePhase(phase),
        annotations.getOrDefault(WORKER, ""),
        instant(annotations, STARTED_AT),
        instant(annotations, FINISHED_AT),
        exitCode(annotations),
        annotations.getOrDefault(MESSAGE, ""));
  }

  /**
   * A phase as written ({@code Running}) or as the enum constant, ignoring case.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static BuildPhase parsePhase(String text) {
    for (BuildPhase p : BuildPhase.values()) {
      if (p.display().equalsIgnoreCase(text) || p.name().equalsIgnoreCase(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "annotation "
            + PHASE
            + " is \""
            + text
            + "\", not one of Pending, Running, Succeeded,"
            + " Failed, Unknown");
  }

  static Optional<Instant> instant(Map<String, String> annotations, String key) {
    String v = annotations.get(key);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "annotation " + key + " is \"" + v + "\", not an ISO-8601 instant", e);
    }
  }

  static Optional<Integer> exitCode(Map<String, String> annotations) {
    String v = annotations.get(EXIT_CODE);
    if (v == null || v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.parseInt(v.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "annotation " + EXIT_CODE + " is \"" + v + "\", not a number", e);
    }
  }

  private static void putIfNotEmpty(Map<String, String> out, String key, String value) {
    if (!value.isEmpty()) {
      out.put(key, value);
    }
  }
}
