package dev.kubeherd.worker.run;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.worker.job.JobSpecReader;

/**
 * Where a build's jobs run: one executor shared by every build (local processes and containers), or
 * one made for each build (job pods, which need the build's names and revision).
 */
public interface BuildJobs {

  /** The jobs side of one build; closed after the script and all its jobs have ended. */
  Session open(Build build, Project project, WorkerLog log);

  /** One build's executor. */
  interface Session extends AutoCloseable {
    JobExecutor executor();

    /** How brigadier {@code Job}s are read for this executor. */
    JobSpecReader.Target target();

    /** Releases what the build's jobs shared (e.g. the build storage PVC). */
    @Override
    void close();
  }

  /** Every build's jobs go to {@code executor}, read as local jobs. */
  static BuildJobs shared(JobExecutor executor) {
    Session session =
        new Session() {
          @Override
          public JobExecutor executor() {
            return executor;
          }

          @Override
          public JobSpecReader.Target target() {
            return JobSpecReader.Target.LOCAL;
          }

          @Override
          public void close() {}
        };
    return (build, project, log) -> session;
  }
}
