package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.deploy.DecryptedRun;
import dev.kubeherd.toolkit.deploy.HelmfileLocator;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The core every sync level shares: in {@code cwd}, {@code helmfile --file F [--environment E]
 * sync} with the level's variables, the directory's {@code *.secrets.yaml.enc} decrypted for it and
 * deleted again ({@link DecryptedRun}, as {@code kubeherd deploy} does), {@code --strict} refusing
 * plaintext targets git does not ignore.
 */
final class HelmfileSync {
  private final ToolRunner tools;
  private final SyncOptions options;
  private final Consumer<String> progress;

  HelmfileSync(ToolRunner tools, SyncOptions options, Consumer<String> progress) {
    this.tools = tools;
    this.options = options;
    this.progress = progress;
  }

  /**
   * @param helmfile the helmfile, as helmfile is told it (relative to {@code cwd} when inside it)
   */
  void run(Path cwd, Path helmfile, Optional<String> environment, Map<String, String> env)
      throws InterruptedException {
    new DecryptedRun(tools, options.scratch(), options.strict(), progress)
        .run(invocation(cwd, helmfile, environment, env));
  }

  static ToolInvocation invocation(
      Path cwd, Path helmfile, Optional<String> environment, Map<String, String> env) {
    Path dir = cwd.toAbsolutePath().normalize();
    Path file = helmfile.toAbsolutePath().normalize();
    List<String> args = new ArrayList<>();
    args.add("--file");
    args.add(dir.relativize(file).toString());
    environment.ifPresent(e -> args.addAll(List.of("--environment", e)));
    args.add("sync");
    return new ToolInvocation(ExternalTool.HELMFILE, args, env, dir);
  }

  /** The helmfile of {@code dir} (exit code 2 naming the directory when there is none). */
  static Path helmfileIn(Path dir) {
    return HelmfileLocator.locate(dir, Optional.empty());
  }
}
