package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.toolkit.DurationConverter;
import dev.kubeherd.toolkit.pipeline.InitWait;
import dev.kubeherd.toolkit.pipeline.PipelineStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brigadm wait init} (also {@code brigadm wait}): polls until the engine is Available and
 * the project exists (§2.7).
 */
@Command(
    name = "wait",
    mixinStandardHelpOptions = true,
    description = {
      "Wait until the namespace's pipeline is ready: the engine Deployment Available and a project"
          + " present. Polls with backoff (200ms up to 5s) and prints each change to stderr."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ready", "1:usage error", "3:timed out (the message says what is missing)"})
public final class WaitCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "init",
      defaultValue = "init",
      description = "What to wait for: init (the only one).")
  String what;

  @Option(
      names = {"-n", "--namespace"},
      required = true,
      paramLabel = "NS",
      description = "Namespace of the pipeline.")
  String namespace;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "300s",
      converter = DurationConverter.class,
      description = "Give up after this long (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Mixin KubeOptions kube;

  public WaitCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!"init".equals(what)) {
      throw new ParameterException(spec.commandLine(), "can only wait for init, not " + what);
    }
    PrintWriter err = spec.commandLine().getErr();
    PipelineStatus ready =
        new InitWait(new Pipelines(kube.client(app), app.clock(), err).probe(), err)
            .await(namespace, timeout);
    PrintWriter out = spec.commandLine().getOut();
    out.println("ready: " + ready.describe());
    out.flush();
    return ExitCodes.OK;
  }
}
