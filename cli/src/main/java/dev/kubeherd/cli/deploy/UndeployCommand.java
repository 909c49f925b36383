package dev.kubeherd.cli.deploy;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.toolkit.ConfigOption;
import dev.kubeherd.toolkit.deploy.HelmfileAction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubeherd undeploy}: {@code helmfile destroy} of the helmfile found in {@code --dir}. */
@Command(
    name = "undeploy",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Uninstall every release of the helmfile (helmfile destroy).",
      "Runs helmfile --file F [--environment E] [--selector S] destroy in --dir, with every"
          + " *.secrets.yaml.enc there and in the helmfile's own directory decrypted by sops first"
          + " (0600, deleted afterwards)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done",
      "1:usage error, helmfile (or sops, with secrets to decrypt) is not installed, or it failed",
      "2:no helmfile found (or --file does not exist)",
      "4:a decrypted secrets file is in the way"
    })
public final class UndeployCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin HelmfileOptions helmfile;

  @Mixin ToolOptions tools;

  public UndeployCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws InterruptedException {
    return HelmfileCommandSupport.run(app, spec, HelmfileAction.DESTROY, helmfile, tools);
  }
}
