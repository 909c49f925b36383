package dev.kubeherd.toolkit.tools;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What must not outlive kubeherd when its JVM is stopped (SIGTERM from a cancelled CI job or a
 * terminated pod, Ctrl-C), which skips every {@code finally}: decrypted secrets, private temporary
 * directories, running tools with their child processes, build containers. Each registers its
 * clean-up while it exists and unregisters when it is closed the normal way; one JVM shutdown hook
 * runs whatever is still registered, newest first, so a tool is stopped before the secrets it reads
 * are deleted. Once the JVM is stopping nothing new starts: a registration made then (other than by
 * the hook's own clean-ups, such as removing a container) runs its clean-up at once and fails. A
 * command a clean-up runs (removing a container) is bounded by {@link #COMMAND_LIMIT}, not by its
 * usual timeout, so a hung daemon cannot keep the stopping JVM alive.
 */
public final class ShutdownCleanup {
  /** How long a command run by a clean-up of the shutdown hook ({@code docker rm -f}) may take. */
  public static final Duration COMMAND_LIMIT = Duration.ofSeconds(20);

  private static final ShutdownCleanup JVM = new ShutdownCleanup();

  private final Object lock = new Object();
  private final Deque<Entry> open = new ArrayDeque<>();
  private boolean hookInstalled;
  private Thread stopping;

  /** A registered clean-up; {@link #close()} unregisters it (the caller cleans up itself). */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static final class Entry {
    final String what;
    final Runnable cleanup;

    Entry(String what, Runnable cleanup) {
      this.what = what;
      this.cleanup = cleanup;
    }
  }

  ShutdownCleanup() {}

  /**
   * Runs {@code cleanup} if the JVM is stopped before the registration is closed.
   *
   * @param what what is cleaned up, for the log line and errors: {@code helmfile sync (in DIR)}
   * @throws ToolkitException (exit code 1) when the JVM is already stopping; {@code cleanup} has
   *     run by then
   */
  public static Registration register(String what, Runnable cleanup) {
    return JVM.add(what, cleanup);
  }

  /**
   * The timeout for an external command started now: {@code usual}, but at most {@link
   * #COMMAND_LIMIT} when a clean-up of the shutdown hook starts it.
   */
  public static Duration commandTimeout(Duration usual) {
    return JVM.timeoutFor(usual);
  }

  Duration timeoutFor(Duration usual) {
    synchronized (lock) {
      boolean inHook = stopping == Thread.currentThread();
      return inHook && usual.compareTo(COMMAND_LIMIT) > 0 ? COMMAND_LIMIT : usual;
    }
  }

  /** The instance whose hook the JVM runs (tests make their own). */
  static ShutdownCleanup jvm() {
    return JVM;
  }

  Registration add(String what, Runnable cleanup) {
    Entry entry = new Entry(what, cleanup);
    synchronized (lock) {
      if (stopping == Thread.currentThread()) {
        return () -> {}; // a clean-up of the hook itself (docker rm): it runs to its end anyway
      }
      if (stopping == null && installHook()) {
        open.push(entry);
        return () -> remove(entry);
      }
    }
    quietly(entry);
    throw new ToolkitException(
        ToolkitExitCodes.ERROR,
        "kubeherd is stopping (SIGTERM or Ctrl-C): " + what + " was cleaned up at once");
  }

  /** Runs every clean-up still registered, newest first; what registers later is refused. */
  void stop() {
    List<Entry> todo;
    synchronized (lock) {
      stopping = Thread.currentThread();
      todo = new ArrayList<>(open);
      open.clear();
    }
    todo.forEach(ShutdownCleanup::run);
  }

  private boolean installHook() {
    if (!hookInstalled) {
      try {
        Runtime.getRuntime()
            .addShutdownHook(Thread.ofPlatform().name("kubeherd-cleanup").unstarted(this::stop));
      } catch (IllegalStateException e) {
        return false; // the JVM is shutting down already
      }
      hookInstalled = true;
    }
    return true;
  }

  private void remove(Entry entry) {
    synchronized (lock) {
      open.removeFirstOccurrence(entry);
    }
  }

  private static void run(Entry entry) {
    System.err.println("kubeherd is stopping: cleaning up " + entry.what);
    try {
      entry.cleanup.run();
    } catch (RuntimeException e) {
      System.err.println("kubeherd: cleaning up " + entry.what + " failed: " + e.getMessage());
    }
  }

  /** A clean-up refused to start: the exception thrown says so, and its failure cannot matter. */
  private static void quietly(Entry entry) {
    try {
      entry.cleanup.run();
    } catch (RuntimeException e) {
      // the hook cleans up what is registered; this one was never in use
    }
  }
}
