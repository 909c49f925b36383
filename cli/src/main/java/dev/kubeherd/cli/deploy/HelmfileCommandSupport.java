package dev.kubeherd.cli.deploy;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.toolkit.deploy.HelmfileAction;
import dev.kubeherd.toolkit.deploy.HelmfileDeployer;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Runs one {@link HelmfileAction} for {@code deploy} and {@code undeploy}. */
final class HelmfileCommandSupport {
  private HelmfileCommandSupport() {}

  static int run(
      BrigApp app,
      CommandSpec spec,
      HelmfileAction action,
      HelmfileOptions helmfile,
      ToolOptions tools)
      throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Path used =
        new HelmfileDeployer(
                tools.runner(app.env(), err),
                Path.of(System.getProperty("java.io.tmpdir")),
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run(action, helmfile.run());
    err.println("helmfile " + action.subcommand() + " of " + used + ": done");
    err.flush();
    return ExitCodes.OK;
  }
}
