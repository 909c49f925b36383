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

/** {@code brigcluster master create}: the master pipeline, then {@code init} (§2.9). */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create the master pipeline (engine and project for the cluster repo) in the system"
          + " namespace NS and fire init. The install runs as a job (brigadm run) on the bootstrap"
          + " pipeline of NS-boot, which is installed first when missing (brigadm init: this"
          + " repository and key); then it waits for the master engine and fires init.",
      "Default script (read by the job from its checkout): PATH/brigade.js, else"
          + " PATH/brigade.master.default.js, else kubeherd's bundled brigade.master.default.js."
          + " Fails with exit 4 when the master exists, unless --if-not-exists; a failed install"
          + " job exits with its exit code."
    })
public final class MasterCreateCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin LevelOptions level;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      defaultValue = "kubeherd-system",
      description = "System namespace (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(names = "--if-not-exists", description = "An existing master is fine: do nothing.")
  boolean ifNotExists;

  @Mixin JobOptions job;

  @Mixin ToolboxImageOption toolbox;

  public MasterCreateCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Build> init = job.inPlace() ? inPlace(err) : asJob(err);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        init.map(b -> "master created in " + namespace + "; init build " + b.id())
            .orElse(
                job.installOnly
                    ? "master installed in " + namespace
                    : "master exists in " + namespace + "; nothing done"));
    out.flush();
    return ExitCodes.OK;
  }

  private Optional<Build> inPlace(PrintWriter err) {
    PipelineSpec pipeline = level.masterPipeline(app, spec, namespace, toolbox, err);
    var levels = level.parts(app, err).masterLevels();
    return (job.installOnly ? levels.installOnly() : levels).createMaster(pipeline, ifNotExists);
  }

  private Optional<Build> asJob(PrintWriter err) throws InterruptedException {
    return level
        .parts(app, err)
        .jobs(job.startTimeout, job.readyTimeout)
        .createMaster(
            () -> level.bootPipeline(app, spec, namespace),
            namespace,
            level.project(spec),
            installCommand(),
            toolbox.image,
            ifNotExists);
  }

  /** {@code kubeherd brigcluster master create --in-place --install-only …} for the job. */
  List<String> installCommand() {
    return level.installCommand(
        app,
        spec,
        List.of("master", "create"),
        List.of("--namespace", namespace, "--image", toolbox.image));
  }
}
