package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.toolkit.pipeline.DefaultScripts;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
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
          + " namespace and fire init.",
      "Default script: PATH/brigade.js, else PATH/brigade.master.default.js, else kubeherd's"
          + " bundled brigade.master.default.js. Fails with exit 4 when the master exists, unless"
          + " --if-not-exists."
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

  public MasterCreateCommand(BrigApp app) {
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
    Optional<Build> init = level.parts(app, err).levels().createMaster(pipeline, ifNotExists);
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        init.map(b -> "master created in " + namespace + "; init build " + b.id())
            .orElse("master exists in " + namespace + "; nothing done"));
    out.flush();
    return ExitCodes.OK;
  }
}
