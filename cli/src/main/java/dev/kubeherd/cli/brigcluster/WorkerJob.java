package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.core.model.Build;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * What {@code brigcluster worker create|init APP} share when they run as an install job: the master
 * namespace the job runs in (with the master's credentials) and the job's command line.
 */
public final class WorkerJob {
  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "kubeherd-system",
      description =
          "Master namespace: the install job runs on its pipeline, with its credentials"
              + " (default: ${DEFAULT-VALUE}).")
  String masterNamespace;

  /**
   * Runs {@code kubeherd brigcluster worker ACTION APP --in-place --install-only …} in the master
   * namespace, then fires init on the app's pipeline when {@code init}.
   */
  Optional<Build> run(
      BrigApp app,
      CommandSpec spec,
      LevelOptions level,
      ToolboxImageOption toolbox,
      JobOptions job,
      String action,
      String appName,
      boolean init)
      throws InterruptedException {
    List<String> argv =
        level.installCommand(
            app, spec, List.of("worker", action, appName), List.of("--image", toolbox.image));
    PrintWriter err = spec.commandLine().getErr();
    return level
        .parts(app, err)
        .jobs(job.startTimeout, job.readyTimeout)
        .worker(masterNamespace, appName, level.project(spec), argv, toolbox.image, init);
  }
}
