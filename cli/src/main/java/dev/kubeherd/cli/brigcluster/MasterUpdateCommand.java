package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code brigcluster master update}: upgrade the master, then {@code update} (§2.9). */
@Command(
    name = "update",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Upgrade the master pipeline (engine, default script, key) and fire update. The upgrade"
          + " runs as a job on the bootstrap pipeline of NS-boot, which is never created here.",
      "Fails with exit 3 when there is no master; create it with 'brigcluster master create'."
    })
public final class MasterUpdateCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin LevelOptions level;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "kubeherd-system",
      description = "System namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Mixin JobOptions job;

  @Mixin ToolboxImageOption toolbox;

  public MasterUpdateCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Build> update = job.inPlace() ? inPlace(err) : Optional.of(asJob(err));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "master updated in " + namespace + update.map(b -> "; update build " + b.id()).orElse(""));
    out.flush();
    return ExitCodes.OK;
  }

  private Optional<Build> inPlace(PrintWriter err) {
    PipelineSpec pipeline = level.masterPipeline(app, spec, namespace, toolbox, err);
    var levels = level.parts(app, err).masterLevels();
    return (job.installOnly ? levels.installOnly() : levels).updateMaster(pipeline);
  }

  private Build asJob(PrintWriter err) throws InterruptedException {
    List<String> argv =
        level.installCommand(
            app,
            spec,
            List.of("master", "update"),
            List.of("--namespace", namespace, "--image", toolbox.image));
    return level
        .parts(app, err)
        .jobs(job.startTimeout, job.readyTimeout)
        .updateMaster(namespace, level.project(spec), argv, toolbox.image);
  }
}
