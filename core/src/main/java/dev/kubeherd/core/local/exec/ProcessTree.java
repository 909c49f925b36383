package dev.kubeherd.core.local.exec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a job's whole process tree. Jobs are started through {@code setsid}, so the job process
 * leads its own process group (pgid = pid) and everything it starts stays in that group unless it
 * leaves it on purpose; {@code kill -KILL -<pgid>} therefore also reaches background children whose
 * parent already exited. The live descendants seen by the JDK are killed as well, as a backup for
 * processes that left the group.
 */
final class ProcessTree {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
  private static final GroupKiller KILLER = new GroupKiller();

  private ProcessTree() {}

  /** Sends SIGKILL to the group led by {@code leader}, to its descendants and to itself. */
  static void kill(Process leader) {
    List<ProcessHandle> descendants = leader.descendants().toList();
    killGroup(leader.pid());
    descendants.forEach(ProcessHandle::destroyForcibly);
    leader.destroyForcibly();
  }

  /**
   * Sends SIGKILL to process group {@code pgid}. Safe after the leader exited: Linux does not reuse
   * a pid while a process group of that id still has members.
   */
  static void killGroup(long pgid) {
    if (!KILLER.kill(pgid)) {
      spawnKill(pgid);
    }
  }

  private static void spawnKill(long pgid) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      awaitUninterruptibly(kill, 10);
    } catch (IOException e) {
      LOG.warn("Cannot run kill for process group {}: {}", pgid, e.toString());
    }
  }

  /** Waits up to {@code seconds} for {@code process}, keeping a pending interrupt for later. */
  static boolean awaitUninterruptibly(Process process, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
