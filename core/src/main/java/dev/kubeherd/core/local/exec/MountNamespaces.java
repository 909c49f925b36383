package dev.kubeherd.core.local.exec;

import dev.kubeherd.core.model.JobSpec.Mount;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Private mount namespaces as {@link ProcessJobExecutor} uses them, for other code that runs a
 * command with directories shown at their container paths (test-support's pod simulator).
 */
public final class MountNamespaces {
  private MountNamespaces() {}

  /**
   * The {@code unshare} command prefix that gives a private mount namespace here, or empty.
   *
   * @param workDir where the probe makes its temporary directories
   */
  public static Optional<List<String>> unsharePrefix(Path workDir) {
    return MountNamespaceProbe.probe(WorkDir.chosen(workDir));
  }

  /**
   * The {@code /bin/sh} wrapper that bind-mounts each host directory at its path, changes to {@code
   * workingPath} if given and {@code exec}s its arguments.
   *
   * @throws IllegalArgumentException for a relative mount path or a mount over {@code /}
   */
  public static String wrapper(List<Mount> mounts, Optional<String> workingPath) {
    return MountNamespaceScript.generate(mounts, workingPath);
  }
}
