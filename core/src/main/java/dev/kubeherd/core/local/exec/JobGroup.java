package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.service.PidNamespace;
import dev.kubeherd.core.service.ProcessStartTicks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The process group a local job leads, as recorded in its job directory ({@link #FILE}) when it
 * starts, so that the job can be stopped after the process that started it died ({@link
 * JobGroups}). The leader is named by its pid together with its start ticks ({@link
 * ProcessStartTicks}) and the pid namespace it was started from ({@link PidNamespace}), so a reused
 * pid or a pid of another namespace is never taken for it.
 *
 * @param pgid the group's id, the pid of its leader ({@code setsid})
 * @param startTicks when the leader started, in clock ticks since boot
 * @param pidNamespace the inode of the pid namespace of the process that started it
 * @param removal the command that removes what outlives the group (a job's container, by its name),
 *     run when the job is stopped this way; empty for a plain process job
 */
record JobGroup(
    long pgid,
    long startTicks,
    long pidNamespace,
    String buildId,
    String job,
    List<String> removal) {

  JobGroup {
    removal = List.copyOf(removal);
  }

  /** A plain process job's group: nothing outlives it. */
  JobGroup(long pgid, long startTicks, long pidNamespace, String buildId, String job) {
    this(pgid, startTicks, pidNamespace, buildId, job, List.of());
  }

  /** The name of the record in a job directory. */
  static final String FILE = "job-group";

  /** Read once: a process keeps its pid namespace for life. */
  private static final OptionalLong OUR_NAMESPACE = PidNamespace.ofThisProcess();

  /**
   * The group led by the job process {@code pid}; empty where {@code /proc} cannot be read. A
   * removal command is kept only when no word of it holds white space (it is recorded as one line).
   */
  static Optional<JobGroup> of(long pid, String buildId, String job, List<String> removal) {
    OptionalLong ticks = ProcessStartTicks.of(pid);
    OptionalLong namespace = OUR_NAMESPACE;
    if (ticks.isEmpty() || namespace.isEmpty()) {
      return Optional.empty();
    }
    List<String> kept = removal.stream().anyMatch(w -> !w.matches("\\S+")) ? List.of() : removal;
    return Optional.of(
        new JobGroup(pid, ticks.getAsLong(), namespace.getAsLong(), buildId, job, kept));
  }

  /** The record as {@link #parse} reads it: one {@code key=value} a line. */
  String text() {
    return "pgid="
        + pgid
        + "\nticks="
        + startTicks
        + "\npidns="
        + pidNamespace
        + "\nbuild="
        + buildId
        + "\njob="
        + job
        + "\n"
        + (removal.isEmpty() ? "" : "remove=" + String.join(" ", removal) + "\n");
  }

  /** The record in {@code text}; empty when a field is missing or not a number. */
  static Optional<JobGroup> parse(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try {
      long pgid = Long.parseLong(fields.getOrDefault("pgid", ""));
      long ticks = Long.parseLong(fields.getOrDefault("ticks", ""));
      long namespace = Long.parseLong(fields.getOrDefault("pidns", ""));
      String build = fields.get("build");
      String job = fields.get("job");
      String remove = fields.getOrDefault("remove", "").strip();
      List<String> removal = remove.isEmpty() ? List.of() : List.of(remove.split(" +"));
      return pgid > 1 && build != null && job != null
          ? Optional.of(new JobGroup(pgid, ticks, namespace, build, job, removal))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whether the process {@code pgid} is still the leader recorded here (not a reused pid). */
  boolean leaderIsAlive() {
    OptionalLong ticks = ProcessStartTicks.of(pgid);
    return ticks.isPresent() && ticks.getAsLong() == startTicks;
  }
}
