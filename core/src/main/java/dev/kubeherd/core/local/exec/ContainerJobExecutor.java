package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each job in a container of its image with a Docker-compatible engine ({@code podman} or
 * {@code docker}), named after the job's pod: {@code <engine> run --rm --name <pod> ...} (see
 * {@link ContainerCommand}). Mounts become bind volumes; the job starts in its {@code mountPath} if
 * something is mounted there. Job environment values go to a private env file (values with line
 * breaks, which env files cannot hold, are passed by name from the client's environment), so they
 * never appear in command lines or logs. The client runs with this process's environment, so engine
 * settings such as {@code CONTAINERS_CONF} or {@code DOCKER_HOST} apply.
 *
 * <p>On timeout or cancel the container is killed and removed ({@code <engine> kill}, {@code rm
 * -f}) and the client's process tree is killed; the job then fails as with {@link
 * ProcessJobExecutor}. At most {@code maxConcurrentJobs} containers run at once; {@link #start}
 * never blocks, and the log sink is written to, never closed.
 */
public final class ContainerJobExecutor implements JobExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerJobExecutor.class);

  private final String engine;
  private final WorkDir workDir;
  private final Semaphore slots;

  /** Runs at most {@link ProcessJobExecutor#defaultConcurrency()} containers at once. */
  public ContainerJobExecutor(String engine, Path workDir) {
    this(engine, WorkDir.chosen(workDir));
  }

  /** As {@link #ContainerJobExecutor(String, Path)}, in a work directory kubeherd may own. */
  public ContainerJobExecutor(String engine, WorkDir workDir) {
    this(engine, workDir, ProcessJobExecutor.defaultConcurrency());
  }

  public ContainerJobExecutor(String engine, Path workDir, int maxConcurrentJobs) {
    this(engine, WorkDir.chosen(workDir), maxConcurrentJobs);
  }

  /**
   * @param engine the engine's client binary, e.g. {@code podman}, {@code docker} or a full path
   * @param workDir where per-job directories (hook scripts, env files) are made
   */
  public ContainerJobExecutor(String engine, WorkDir workDir, int maxConcurrentJobs) {
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("maxConcurrentJobs must be at least 1");
    }
    this.engine = engine;
    this.workDir = workDir;
    this.slots = new Semaphore(maxConcurrentJobs, true);
  }

  @Override
  public JobHandle start(JobSpec spec, LogSink log) {
    return JobRun.start(spec, log, workDir, slots, this::plan);
  }

  private Launch plan(JobSpec spec, JobDir dir) throws IOException {
    if (spec.image().isEmpty()) {
      throw new IOException("the job has no image; give it one, or use the process runtime");
    }
    Optional<Path> hook = Optional.empty();
    if (!spec.tasks().isEmpty()) {
      hook = Optional.of(dir.writeReadable("hook/main.sh", spec.mainScript()).getParent());
    }
    Map<String, String> fromClient = new TreeMap<>(spec.env());
    fromClient.values().removeIf(value -> !multiLine(value));
    Optional<Path> file = envFile(spec.env(), dir);
    List<String> command = new ArrayList<>(List.of("setsid"));
    try {
      command.addAll(ContainerCommand.run(engine, spec, hook, file, fromClient.keySet()));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    LOG.debug("Job {}: {}", spec.podName(), command);
    return new Launch(
        command,
        fromClient,
        true,
        dir.path(),
        p -> stop(spec.podName(), p),
        List.of(engine, "rm", "-f", spec.podName()));
  }

  /** Writes the single-line variables to a file only the owner can read, if there are any. */
  private static Optional<Path> envFile(Map<String, String> env, JobDir dir) throws IOException {
    StringBuilder lines = new StringBuilder();
    env.forEach(
        (name, value) -> {
          if (!multiLine(value)) {
            lines.append(name).append('=').append(value).append('\n');
          }
        });
    return lines.isEmpty() ? Optional.empty() : Optional.of(dir.write("env", lines + ""));
  }

  private static boolean multiLine(String value) {
    return value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
  }

  /**
   * Kills and removes the container, then the client's process tree. A container the client was
   * still creating when it died is caught by the second {@code rm -f} (podman's {@code rm -f} of a
   * missing container succeeds, so its result cannot tell).
   */
  private void stop(String name, Process client) {
    engineCommand("kill", name);
    engineCommand("rm", "-f", name);
    ProcessTree.kill(client);
    engineCommand("rm", "-f", name);
  }

  private void engineCommand(String... args) {
    List<String> command = new ArrayList<>(List.of(engine));
    command.addAll(List.of(args));
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!ProcessTree.awaitUninterruptibly(process, 60)) {
        process.destroyForcibly();
        LOG.warn("{} did not finish within 60 s", command);
      }
    } catch (IOException e) {
      LOG.warn("Cannot run {}: {}", command, e.toString());
    }
  }
}
