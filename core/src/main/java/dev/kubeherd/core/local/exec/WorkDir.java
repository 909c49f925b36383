package dev.kubeherd.core.local.exec;

import java.nio.file.Path;

/**
 * An executor's work directory and who chose it. One kubeherd chose itself ({@link #ours}: the
 * per-user base on {@code /dev/shm}, or the fallback under {@code KUBEHERD_HOME}) is kubeherd's
 * own: if an older version left it readable by others or group-writable (umask 002), it is narrowed
 * to {@code 0700}. One the user named ({@link #chosen}: {@code KUBEHERD_JOB_DIR}) is never changed
 * ({@link PrivateWorkDir}).
 *
 * @param path the directory, absolute
 * @param ours whether kubeherd chose (and makes) it
 */
public record WorkDir(Path path, boolean ours) {
  public WorkDir {
    path = path.toAbsolutePath();
  }

  /** A directory kubeherd chose and makes: its own. */
  public static WorkDir ours(Path path) {
    return new WorkDir(path, true);
  }

  /**
   * A directory the user (or caller) named; kubeherd's own only where it lies in the per-user base
   * {@code kubeherd-<user>}.
   */
  public static WorkDir chosen(Path path) {
    return new WorkDir(path, false);
  }
}
