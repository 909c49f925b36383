package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.JobSpec.Mount;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default local runtime: runs each job as a process tree on this host, ignoring its image.
 *
 * <ul>
 *   <li>With tasks, the job's v1 {@code main.sh} is written to a private directory under the work
 *       directory and run as {@code <shell> main.sh <args...>}. Without tasks (v1: the image's
 *       entrypoint) the job's {@code args} are run as the command; with no args either there is
 *       nothing to run and the job succeeds at once with an empty log.
 *   <li>Environment: {@code PATH}, {@code HOME} and {@code LANG} of this process (those that are
 *       set), then {@code KUBEHERD_MOUNT_<PATH>} for each mount, then the job's {@code env}, and
 *       {@code KUBEHERD_JOB} naming the job's directory (by which {@link JobGroups} finds what the
 *       job left running). Input is {@code /dev/null}; stdout and stderr are merged.
 *   <li>Mounts: each {@link Mount} appears at its path inside the job through a private mount
 *       namespace ({@link MountNamespaceScript}), and the job starts in its {@code mountPath} if
 *       something is mounted there. If mount namespaces are not available (not root and no user
 *       namespaces) one warning is logged and jobs run without them: they start in the host
 *       directory mounted at {@code mountPath} and find every mount through its variable, e.g.
 *       {@code KUBEHERD_MOUNT_SRC} or {@code KUBEHERD_MOUNT_MNT_BRIGADE_SHARE}, which hold the host
 *       directory then and the mount path otherwise. Jobs without mounts skip all of this.
 *   <li>Each job leads its own process group ({@code setsid}); a timeout or cancel kills the group,
 *       and so background children too. The timeout counts from the start of the process, not from
 *       queueing.
 *   <li>At most {@code maxConcurrentJobs} jobs run at once; the rest wait in order. {@link #start}
 *       never blocks. The log sink is written to, never closed: it belongs to the caller.
 * </ul>
 *
 * <p>With mount namespaces, missing mount points are created on the host as empty directories (as a
 * container runtime creates them in its root file system), and the work directory must not lie
 * under a mount path.
 */
public final class ProcessJobExecutor implements JobExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessJobExecutor.class);
  private static final List<String> BASE_VARIABLES = List.of("PATH", "HOME", "LANG");

  private final WorkDir workDir;
  private final Semaphore slots;
  private final Map<String, String> baseEnvironment;
  private final Supplier<Optional<List<String>>> probe;
  private final ReentrantLock probeLock = new ReentrantLock();
  private volatile Optional<List<String>> unshare;

  /**
   * Runs at most {@link #defaultConcurrency()} jobs at once, each in its own directory under {@code
   * workDir} (made and deleted per job, so a tmpfs work directory starts jobs faster).
   */
  public ProcessJobExecutor(Path workDir) {
    this(WorkDir.chosen(workDir));
  }

  /** As {@link #ProcessJobExecutor(Path)}, in a work directory kubeherd may own. */
  public ProcessJobExecutor(WorkDir workDir) {
    this(workDir, defaultConcurrency());
  }

  public ProcessJobExecutor(Path workDir, int maxConcurrentJobs) {
    this(WorkDir.chosen(workDir), maxConcurrentJobs);
  }

  public ProcessJobExecutor(WorkDir workDir, int maxConcurrentJobs) {
    this(workDir, maxConcurrentJobs, () -> MountNamespaceProbe.probe(workDir));
  }

  ProcessJobExecutor(
      Path workDir, int maxConcurrentJobs, Supplier<Optional<List<String>>> namespaceProbe) {
    this(WorkDir.chosen(workDir), maxConcurrentJobs, namespaceProbe);
  }

  private ProcessJobExecutor(
      WorkDir workDir, int maxConcurrentJobs, Supplier<Optional<List<String>>> namespaceProbe) {
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("maxConcurrentJobs must be at least 1");
    }
    this.workDir = workDir;
    this.slots = new Semaphore(maxConcurrentJobs, true);
    this.baseEnvironment = baseEnvironment(System.getenv());
    this.probe = namespaceProbe;
  }

  /** Four jobs per available processor: most jobs wait on I/O or child processes. */
  public static int defaultConcurrency() {
    return 4 * Runtime.getRuntime().availableProcessors();
  }

  /** A job that would run its image's entrypoint runs nothing here: said before it "succeeds". */
  @Override
  public Optional<String> caveat(JobSpec spec) {
    if (!spec.tasks().isEmpty() || !spec.args().isEmpty() || spec.image().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        "job "
            + spec.name()
            + " has no tasks and no args: in a pod its image "
            + spec.image()
            + " would run its own entrypoint, but local process jobs ignore the image, so it runs"
            + " nothing and succeeds. To run the image, use --runtime podman (or docker;"
            + " KUBEHERD_RUNTIME), or give the job tasks");
  }

  @Override
  public JobHandle start(JobSpec spec, LogSink log) {
    if (spec.tasks().isEmpty() && spec.args().isEmpty()) {
      return JobRun.finished(JobResult.success(spec.podName(), ""));
    }
    return JobRun.start(spec, log, workDir, slots, this::plan);
  }

  private Launch plan(JobSpec spec, JobDir dir) throws IOException {
    List<String> command = new ArrayList<>(List.of("setsid"));
    Map<String, String> env = new HashMap<>(baseEnvironment);
    Path directory = dir.path();
    List<String> job = jobCommand(spec, dir);
    if (!spec.mounts().isEmpty()) {
      Optional<Mount> working = workingMount(spec);
      Optional<List<String>> prefix = unsharePrefix();
      if (prefix.isPresent()) {
        checkNotShadowed(dir.path(), spec.mounts());
        command.addAll(prefix.get());
        command.addAll(List.of("/bin/sh", wrapper(spec, dir, working.map(Mount::path)) + ""));
      } else if (working.isPresent()) {
        directory = working.get().hostDir();
      }
      env.putAll(mountVariables(spec.mounts(), prefix.isPresent()));
    }
    env.putAll(spec.env());
    command.addAll(job);
    return new Launch(command, env, false, directory, ProcessTree::kill);
  }

  private static List<String> jobCommand(JobSpec spec, JobDir dir) throws IOException {
    if (spec.tasks().isEmpty()) {
      return spec.args();
    }
    String shell = spec.shell();
    if (shell.startsWith("/") && !Files.isExecutable(Path.of(shell))) {
      throw new IOException(
          "shell "
              + shell
              + " is not installed on this host; install it, use another shell or run with"
              + " --runtime podman");
    }
    List<String> command =
        new ArrayList<>(List.of(shell, dir.write("main.sh", spec.mainScript()) + ""));
    command.addAll(spec.args());
    return command;
  }

  private static Path wrapper(JobSpec spec, JobDir dir, Optional<String> workingPath)
      throws IOException {
    try {
      return dir.write("mounts.sh", MountNamespaceScript.generate(spec.mounts(), workingPath));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The mount at the job's {@code mountPath}, if any. */
  private static Optional<Mount> workingMount(JobSpec spec) throws IOException {
    String mountPath = spec.mountPath();
    if (mountPath == null || mountPath.isEmpty()) {
      return Optional.empty();
    }
    String wanted = checkedPath(mountPath);
    for (Mount mount : spec.mounts()) {
      if (checkedPath(mount.path()).equals(wanted)) {
        return Optional.of(new Mount(mount.hostDir().toAbsolutePath(), wanted));
      }
    }
    return Optional.empty();
  }

  /** The job's own directory must stay visible after mounting, for its scripts. */
  private static void checkNotShadowed(Path jobDir, List<Mount> mounts) throws IOException {
    for (Mount mount : mounts) {
      if (jobDir.startsWith(checkedPath(mount.path()))) {
        throw new IOException(
            "mount path "
                + mount.path()
                + " would hide the executor's work directory "
                + jobDir.getParent()
                + "; use another work directory");
      }
    }
  }

  /** {@code KUBEHERD_MOUNT_<PATH>} for each mount: the path inside, or the host directory. */
  static Map<String, String> mountVariables(List<Mount> mounts, boolean mounted)
      throws IOException {
    Map<String, String> variables = new HashMap<>();
    for (Mount mount : mounts) {
      String path = checkedPath(mount.path());
      String name = path.substring(1).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
      String value = mounted ? path : mount.hostDir().toAbsolutePath().toString();
      variables.put("KUBEHERD_MOUNT_" + name, value);
    }
    return variables;
  }

  private static String checkedPath(String path) throws IOException {
    try {
      return MountNamespaceScript.checkPath(path);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private Optional<List<String>> unsharePrefix() {
    Optional<List<String>> known = unshare;
    if (known != null) {
      return known;
    }
    probeLock.lock();
    try {
      if (unshare == null) {
        unshare = probe.get();
        unshare.ifPresentOrElse(
            p -> LOG.debug("Jobs get private mount namespaces through {}", p), this::warnNoMounts);
      }
      return unshare;
    } finally {
      probeLock.unlock();
    }
  }

  private void warnNoMounts() {
    LOG.warn(
        "Mount namespaces are not available, so local jobs run without /src, /mnt/brigade/share"
            + " and other mounts: they start in the host source directory and find mounts through"
            + " KUBEHERD_MOUNT_* variables. Run kubeherd as root, enable unprivileged user"
            + " namespaces, or use --runtime podman.");
  }

  private static Map<String, String> baseEnvironment(Map<String, String> env) {
    Map<String, String> base = new HashMap<>();
    for (String name : BASE_VARIABLES) {
      String value = env.get(name);
      if (value != null) {
        base.put(name, value);
      }
    }
    base.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    return base;
  }
}
