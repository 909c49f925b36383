package dev.kubeherd.cli;

import dev.kubeherd.core.local.exec.ContainerJobExecutor;
import dev.kubeherd.core.local.exec.ProcessJobExecutor;
import dev.kubeherd.core.local.exec.WorkDir;
import dev.kubeherd.core.port.JobExecutor;

/** How local mode runs jobs: as processes (default) or in containers through podman or docker. */
public enum JobRuntime {
  PROCESS,
  PODMAN,
  DOCKER;

  /** The executor for this runtime, with per-job directories under {@code workDir}. */
  public JobExecutor executor(WorkDir workDir) {
    return switch (this) {
      case PROCESS -> new ProcessJobExecutor(workDir);
      case PODMAN -> new ContainerJobExecutor("podman", workDir);
      case DOCKER -> new ContainerJobExecutor("docker", workDir);
    };
  }
}
