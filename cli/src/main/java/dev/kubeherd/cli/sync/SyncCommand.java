package dev.kubeherd.cli.sync;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubeherd sync master|worker|app}: the three pipeline levels' sync jobs. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync one pipeline level from its checked-out repository: decrypt every"
          + " *.secrets.yaml.enc of the directory (sops), helmfile sync, delete the plaintext.",
      "master: the cluster level, then a worker sync per app of apps.yaml; worker APP: one app's"
          + " namespace and pipeline; app: the app's releases."
    },
    subcommands = {SyncMasterCommand.class, SyncWorkerCommand.class, SyncAppCommand.class})
public final class SyncCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
