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
 */
record Launch(
    List<String> command,
    Map<String, String> environment,
    boolean inheritEnvironment,
    Path directory,
    Consumer<Process> stop) {

  Launch {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
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
