package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.port.OrphanedJobs;
import dev.kubeherd.core.service.PidNamespace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the local jobs of a build whose claimant died: each job directory under the work directory
 * holds the {@link JobGroup} its job leads until the job ends, so the directories left behind name
 * the groups that may still run. A group is killed (SIGKILL to the group and to the leader's
 * descendants) only when its leader is still the recorded process: same start ticks, started from
 * this process's pid namespace. When the leader has exited (the job's script ended, leaving
 * processes it started in the background, which the executor would have killed with the group), the
 * group's id alone no longer names the job, so the processes that carry the job's mark ({@link
 * #MARKER} naming its directory, inherited from the leader) are killed instead. The directory is
 * deleted afterwards (it holds the job's scripts), except where it was recorded in another pid
 * namespace, whose processes cannot be judged here.
 */
public final class JobGroups implements OrphanedJobs {
  private static final Logger LOG = LoggerFactory.getLogger(JobGroups.class);

  /**
   * The environment variable every local job process gets, naming its job directory ({@code
   * <job>-<build>-<n>}).
   */
  public static final String MARKER = "KUBEHERD_JOB";

  private final WorkDir workDir;

  /** The jobs run by executors with {@code workDir}, as {@link JobWorkDirs#preferred} picks it. */
  public JobGroups(WorkDir workDir) {
    this.workDir = workDir;
  }

  @Override
  public int stopJobsOf(String buildId) {
    OptionalLong ours = PidNamespace.ofThisProcess();
    if (ours.isEmpty()) {
      return 0; // no /proc: no job can have been recorded, nor judged
    }
    int stopped = 0;
    for (Path dir : jobDirsOf(buildId)) {
      Optional<JobGroup> group = read(dir).filter(g -> g.buildId().equals(buildId));
      if (group.isPresent() && group.get().pidNamespace() == ours.getAsLong()) {
        if (stop(group.get(), dir.getFileName().toString())) {
          stopped++;
        }
        JobDir.existing(dir).delete();
      }
    }
    return stopped;
  }

  /** Kills what runs of the group, then removes its container, if it has one. */
  private static boolean stop(JobGroup group, String jobDir) {
    boolean killed = kill(group, jobDir);
    return removeLeftovers(group) || killed;
  }

  private static boolean kill(JobGroup group, String jobDir) {
    if (group.pgid() == ProcessHandle.current().pid()) {
      return false;
    }
    if (!group.leaderIsAlive()) {
      return killMarked(group, jobDir);
    }
    List<ProcessHandle> descendants =
        ProcessHandle.of(group.pgid()).map(h -> h.descendants().toList()).orElse(List.of());
    ProcessTree.killGroup(group.pgid());
    descendants.forEach(ProcessHandle::destroyForcibly);
    LOG.warn(
        "stopped job {} of build {} left running by a process that is gone (process group {})",
        group.job(),
        group.buildId(),
        group.pgid());
    return true;
  }

  /** The leader is gone: kills the processes that carry the job's mark, if any are left. */
  private static boolean killMarked(JobGroup group, String jobDir) {
    List<ProcessHandle> marked = MarkedProcesses.of(MARKER + "=" + jobDir);
    marked.forEach(ProcessHandle::destroyForcibly);
    if (marked.isEmpty()) {
      return false;
    }
    LOG.warn(
        "stopped {} process(es) of job {} of build {} left running after the job's script ended"
            + " (process group {})",
        marked.size(),
        group.job(),
        group.buildId(),
        group.pgid());
    return true;
  }

  /**
   * Runs the group's removal command (its container's {@code rm -f}, by the container's unique
   * name, so it is safe whether or not the client still ran); true when it ran and succeeded.
   */
  private static boolean removeLeftovers(JobGroup group) {
    if (group.removal().isEmpty()) {
      return false;
    }
    try {
      Process process =
          new ProcessBuilder(group.removal())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!ProcessTree.awaitUninterruptibly(process, 60)) {
        process.destroyForcibly();
        LOG.warn("{} did not finish within 60 s; remove the container by hand", group.removal());
        return false;
      }
      if (process.exitValue() != 0) {
        LOG.warn(
            "{} failed (exit {}) for job {} of build {}; remove the container by hand",
            group.removal(),
            process.exitValue(),
            group.job(),
            group.buildId());
        return false;
      }
      LOG.info(
          "removed the container of job {} of build {} ({})",
          group.job(),
          group.buildId(),
          String.join(" ", group.removal()));
      return true;
    } catch (IOException e) {
      LOG.warn("Cannot run {}: {}; remove the container by hand", group.removal(), e.toString());
      return false;
    }
  }

  /** The job directories whose names ({@code <job>-<buildId>-<n>}) mention {@code buildId}. */
  private List<Path> jobDirsOf(String buildId) {
    List<Path> dirs = new ArrayList<>();
    String infix = "-" + buildId + "-";
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(workDir.path())) {
      for (Path entry : entries) {
        if (entry.getFileName().toString().contains(infix) && Files.isDirectory(entry)) {
          dirs.add(entry);
        }
      }
    } catch (NoSuchFileException e) {
      // no job has run with this work directory
    } catch (IOException | DirectoryIteratorException e) {
      LOG.warn(
          "Cannot look for jobs of build {} left running in {}: {}; stop them by hand (ps -ef)",
          buildId,
          workDir.path(),
          e.toString());
    }
    return dirs;
  }

  private static Optional<JobGroup> read(Path dir) {
    try {
      return JobGroup.parse(Files.readString(dir.resolve(JobGroup.FILE), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty(); // not recorded (yet): nothing to judge
    }
  }
}
