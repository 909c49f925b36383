package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command line as the install job of a {@code brigcluster} command: a {@code brigadm run}
 * build ({@link RunCommandJob}) on the only project of a namespace, its log followed into {@code
 * log} ({@link BuildFollow}), a failure turned into the job's exit code. The argument list becomes
 * one shell-quoted command ({@link ShellWords}); the job's environment is empty, so only what the
 * arguments say reaches it, and they never carry a secret value.
 */
public final class InstallJob {
  /** Where a job finds the pipeline's checkout (Brigade v1's default {@code mountPath}). */
  public static final String CHECKOUT = "/src";

  private final KubernetesClient client;
  private final Clock clock;
  private final EventFiring events;
  private final PrintWriter log;
  private final Duration startTimeout;

  public InstallJob(
      KubernetesClient client,
      Clock clock,
      EventFiring events,
      PrintWriter log,
      Duration startTimeout) {
    this.client = client;
    this.clock = clock;
    this.events = events;
    this.log = log;
    this.startTimeout = startTimeout;
  }

  /**
   * Runs {@code argv} in {@code image} on the pipeline of {@code namespace} and waits for it.
   *
   * @return the succeeded build
   * @throws InstallJobFailedException (the job's exit code) when the job or its build failed
   * @throws PipelineMissingException (exit 3) when the namespace has no project, or no engine
   *     starts the build within the start timeout
   */
  public Build run(String namespace, List<String> argv, String image) throws InterruptedException {
    Project project = events.project(namespace, Optional.empty());
    String command = ShellWords.join(argv);
    Build build = new RunCommandJob(events).fire(project, command, image, "", Map.of());
    say(
        "install job: build "
            + build.id()
            + " on project "
            + project.name()
            + " in namespace "
            + namespace
            + " runs: "
            + command);
    try (ConfigMapLogStore logs = new ConfigMapLogStore(client, namespace, clock)) {
      BuildFollow follow =
          new BuildFollow(events.builds(namespace), logs, Duration.ofMillis(500), log);
      Build ended = follow.await(build.id(), startTimeout);
      int code = follow.exitCode(ended, RunCommandJob.JOB);
      if (ended.status().phase() != BuildPhase.SUCCEEDED || code != 0) {
        throw new InstallJobFailedException(
            ended.id(), namespace, code == 0 ? 1 : code, ended.status().phase().name());
      }
      say("install job: build " + ended.id() + " succeeded");
      return ended;
    }
  }

  private void say(String line) {
    log.println(line);
    log.flush();
  }
}
