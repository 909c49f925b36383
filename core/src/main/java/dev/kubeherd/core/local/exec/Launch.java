package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to start one job's process.
 *
 * @param command the full command, starting with {@code setsid} so the job leads its own group
 * @param environment the variables to set; with {@code inheritEnvironment} they are added to the
 *     executor's own environment, else they are the whole environment
 * @param directory the working directory of the process
 * @param stop stops the job on timeout or cancel, given its process; {@link ProcessTree#kill} for a
 *     plain process tree, more for a container that can outlive its client
 * @param removal a command that removes what can outlive the job's processes (its container), for
 *     whoever stops the job after this process died ({@link JobGroups}); empty when nothing can
 */
record Launch(
    List<String> command,
    Map<String, String> environment,
    boolean inheritEnvironment,
    Path directory,
    Consumer<Process> stop,
    List<String> removal) {

  Launch {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    removal = List.copyOf(removal);
  }

  /** A launch whose job is its process tree alone. */
  Launch(
      List<String> command,
      Map<String, String> environment,
      boolean inheritEnvironment,
      Path directory,
      Consumer<Process> stop) {
    this(command, environment, inheritEnvironment, directory, stop, List.of());
  }

  /**
   * Turns a job into a {@link Launch}, writing what it needs into the job's directory. An {@link
   * IOException} fails the job; its message goes to the job log, so it should say what to do.
   */
  @FunctionalInterface
  interface Planner {
    Launch plan(JobSpec spec, JobDir dir) throws IOException;
  }
}
