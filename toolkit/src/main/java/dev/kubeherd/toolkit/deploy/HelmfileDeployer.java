package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code kubeherd deploy} / {@code undeploy}: {@code helmfile --file F [--environment E]
 * [--selector S] sync|destroy} in the run's directory, with every {@code *.secrets.yaml.enc} there
 * and in the helmfile's own directory (where helmfile resolves relative values files) decrypted
 * first and deleted afterwards (toolkit reference §2.3: "decrypt secrets first", the way the sync
 * commands do, {@link DecryptedRun}). helmfile must be installed (exit 1) and a helmfile found
 * (exit 2) before anything runs; sops is needed only when there is something to decrypt.
 */
public final class HelmfileDeployer {
  private final ToolRunner tools;
  private final Path scratch;
  private final Consumer<String> progress;

  /**
   * @param scratch where the private temporary directory of the decrypted secrets goes
   * @param progress receives warnings (a plaintext target git does not ignore)
   */
  public HelmfileDeployer(ToolRunner tools, Path scratch, Consumer<String> progress) {
    this.tools = tools;
    this.scratch = scratch;
    this.progress = progress;
  }

  /**
   * Runs {@code action} for {@code run}.
   *
   * @return the helmfile used
   */
  public Path run(HelmfileAction action, HelmfileRun run) throws InterruptedException {
    tools.requireInstalled(ExternalTool.HELMFILE);
    Path helmfile = HelmfileLocator.locate(run.dir(), run.file());
    new DecryptedRun(tools, scratch, false, progress)
        .run(invocation(action, run, helmfile), List.of(valuesDir(helmfile)));
    return helmfile;
  }

  /**
   * Where helmfile resolves the relative values files of {@code helmfile}: its own directory (a
   * {@code helmfile.d} directory itself), which is not {@code --dir} when {@code --file} points
   * elsewhere.
   */
  static Path valuesDir(Path helmfile) {
    Path file = helmfile.toAbsolutePath().normalize();
    return Files.isDirectory(file) ? file : file.getParent();
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
