package dev.kubeherd.cli.sync;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.deploy.ToolOptions;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.sync.ClusterSync;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/** What the sync commands share: progress to standard error, the cluster sync's wiring. */
final class SyncRun {
  private SyncRun() {}

  static Consumer<String> progress(CommandSpec spec) {
    PrintWriter err = spec.commandLine().getErr();
    return line -> {
      err.println(line);
      err.flush();
    };
  }

  static ClusterSync clusterSync(
      BrigApp app, CommandSpec spec, ToolOptions tools, SyncSettings sync, GitAuthOptions git) {
    git.checkOneDeployKey(spec);
    Consumer<String> progress = progress(spec);
    return new ClusterSync(
        tools.runner(app.env(), spec.commandLine().getErr()),
        new GitCheckouts(sync.scratch(), progress),
        url -> git.resolve(url, app.env()),
        progress);
  }
}
