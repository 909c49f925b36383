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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code brigcluster worker init APP}: create or upgrade the app's pipeline, then init. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create or upgrade APP's pipeline in namespace APP, then fire init. The install runs as a"
          + " job on the master pipeline (--namespace), with its credentials and the cluster repo"
          + " checked out.",
      "Default script: PATH/brigade.worker.default.js in the cluster repo, else kubeherd's bundled"
          + " brigade.worker.default.js; the app repo's own brigade.js wins over both."
    })
public final class WorkerInitCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "APP", description = "App (and namespace) name.")
  String appName;

  @Mixin LevelOptions level;

  @Mixin ToolboxImageOption toolbox;

  @Mixin WorkerJob worker;

  @Mixin JobOptions job;

  public WorkerInitCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    Optional<Build> init =
        job.inPlace()
            ? inPlace()
            : worker.run(app, spec, level, toolbox, job, "init", appName, true);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "worker pipeline ready in " + appName + init.map(b -> "; init build " + b.id()).orElse(""));
    out.flush();
    return ExitCodes.OK;
  }

  private Optional<Build> inPlace() {
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline = level.workerPipeline(app, spec, appName, toolbox, err);
    var levels = level.parts(app, err).levels();
    return (job.installOnly ? levels.installOnly() : levels).initWorker(pipeline);
  }
}
