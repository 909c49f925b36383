package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubeherd deploy} / {@code undeploy}: {@code helmfile --file F [--environment E]
 * [--selector S] sync|destroy} in the helmfile's directory. helmfile must be installed (exit 1) and
 * a helmfile found (exit 2) before anything runs.
 */
public final class HelmfileDeployer {
  private final ToolRunner tools;

  public HelmfileDeployer(ToolRunner tools) {
    this.tools = tools;
  }

  /**
   * Runs {@code action} for {@code run}.
   *
   * @return the helmfile used
   */
  public Path run(HelmfileAction action, HelmfileRun run) throws InterruptedException {
    tools.requireInstalled(ExternalTool.HELMFILE);
    Path helmfile = HelmfileLocator.locate(run.dir(), run.file());
    tools.run(invocation(action, run, helmfile));
    return helmfile;
  }

  static ToolInvocation invocation(HelmfileAction action, HelmfileRun run, Path helmfile) {
    Path dir = run.dir().toAbsolutePath().normalize();
    Path file = helmfile.toAbsolutePath().normalize();
    List<String> args = new ArrayList<>();
    args.add("--file");
    args.add(file.startsWith(dir) ? dir.relativize(file).toString() : file.toString());
    run.environment().ifPresent(e -> args.addAll(List.of("--environment", e)));
    run.selector().ifPresent(s -> args.addAll(List.of("--selector", s)));
    args.add(action.subcommand());
    return new ToolInvocation(ExternalTool.HELMFILE, args, run.env(), dir);
  }
}
