package dev.kubeherd.core.local.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where local executors keep each job's short-lived files ({@code main.sh}, the env file): on tmpfs
 * when the machine has one, since creating and removing a directory per job on a journaling file
 * system is a measurable cost when a build runs many short jobs (docs/benchmarks.md, P3). Whichever
 * is chosen must be private to this user ({@link PrivateWorkDir}, checked before each job): job
 * scripts hold secrets, so a {@code /dev/shm/kubeherd-<user>} made by another user is refused.
 */
public final class JobWorkDirs {
  static final String ENV = "KUBEHERD_JOB_DIR";
  private static final Path SHM = Path.of("/dev/shm");

  private JobWorkDirs() {}

  /**
   * {@code KUBEHERD_JOB_DIR} if set (the user's, never changed); else a per-user directory on
   * {@code /dev/shm} if that is a writable directory; else {@code fallback}, a directory kubeherd
   * makes (both kubeherd's own, see {@link WorkDir}). Missing directories are created mode {@code
   * 0700} when the first job runs.
   */
  public static WorkDir preferred(Map<String, String> env, Path fallback) {
    return preferred(env, fallback, SHM);
  }

  static WorkDir preferred(Map<String, String> env, Path fallback, Path shm) {
    String set = env.getOrDefault(ENV, "");
    if (!set.isBlank()) {
      return WorkDir.chosen(Path.of(set));
    }
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      return WorkDir.ours(shm.resolve(perUserBaseName()).resolve("jobs"));
    }
    return WorkDir.ours(fallback);
  }

  /** The name of the per-user base directory, {@code kubeherd-<user>}. */
  static String perUserBaseName() {
    return "kubeherd-" + System.getProperty("user.name", "user");
  }
}
