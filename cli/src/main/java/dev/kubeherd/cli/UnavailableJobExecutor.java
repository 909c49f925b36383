package dev.kubeherd.cli;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor;
import dev.kubeherd.core.port.LogSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Stands in for the local process executor until it is wired in: every job fails at once with a
 * message saying so, so scripts without jobs still run.
 */
final class UnavailableJobExecutor implements JobExecutor {
  static final String WHY = "Error: this kubeherd build cannot run jobs locally yet";

  @Override
  public JobHandle start(JobSpec spec, LogSink log) {
    log.line(WHY);
    JobResult result = new JobResult(spec.podName(), BuildPhase.FAILED, -1, WHY + "\n", WHY);
    return new JobHandle() {
      @Override
      public CompletionStage<JobResult> completion() {
        return CompletableFuture.completedFuture(result);
      }

      @Override
      public void cancel() {}
    };
  }
}
