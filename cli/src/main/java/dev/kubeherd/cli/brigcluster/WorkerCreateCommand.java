package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brigcluster worker create APP}: the app's pipeline, exit 4 if it exists (§2.10). */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create APP's pipeline (engine and project for the app repo) in namespace APP; exit 4 when"
          + " it exists. Fires init only with --init. The install runs as a job on the master"
          + " pipeline (--namespace), with its credentials and the cluster repo checked out.",
      "Default script: PATH/brigade.worker.default.js in the cluster repo, else kubeherd's bundled"
          + " brigade.worker.default.js; the app repo's own brigade.js wins over both."
    })
public final class WorkerCreateCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "App (and namespace) name.")
  String appName;

  @Mixin LevelOptions level;

  @Mixin ToolboxImageOption toolbox;

  @Mixin WorkerJob worker;

  @Mixin JobOptions job;

  @Option(names = "--init", description = "Fire init after creating.")
  boolean init;

  public WorkerCreateCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    Optional<Build> fired =
        job.inPlace()
            ? inPlace()
            : worker.run(app, spec, level, toolbox, job, "create", appName, init);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "worker pipeline created in "
            + appName
            + fired.map(b -> "; init build " + b.id()).orElse(""));
    out.flush();
    return ExitCodes.OK;
  }

  private Optional<Build> inPlace() {
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline = level.workerPipeline(app, spec, appName, toolbox, err);
    var levels = level.parts(app, err).levels();
    return (job.installOnly ? levels.installOnly() : levels).createWorker(pipeline, init);
  }
}
