package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.toolkit.ToolkitException;

/**
 * The install job of a {@code brigcluster} command failed; the command exits with the job's exit
 * code (1 when the build failed before the job ended).
 */
public final class InstallJobFailedException extends ToolkitException {
  public InstallJobFailedException(String buildId, String namespace, int exitCode, String phase) {
    super(
        exitCode,
        "install job "
            + RunCommandJob.JOB
            + " of build "
            + buildId
            + " in namespace "
            + namespace
            + " failed (build "
            + phase
            + ", job exit code "
            + exitCode
            + "); its log is above, or see 'brig build logs "
            + buildId
            + " -n "
            + namespace
            + "'");
  }
}
