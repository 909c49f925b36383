package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.toolkit.pipeline.DefaultScripts;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
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
      "Upgrade the master pipeline (engine, default script, key) and fire update.",
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

  public MasterUpdateCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PipelineSpec pipeline =
        level.pipeline(
            app,
            spec,
            namespace,
            new DefaultScripts(getClass().getClassLoader()).master(level.path(spec)),
            err);
    Build update = level.parts(app, err).levels().updateMaster(pipeline);
    PrintWriter out = spec.commandLine().getOut();
    out.println("master updated in " + namespace + "; update build " + update.id());
    out.flush();
    return ExitCodes.OK;
  }
}
