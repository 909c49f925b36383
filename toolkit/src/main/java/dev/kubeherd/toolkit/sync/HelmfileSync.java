package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.deploy.HelmfileLocator;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.SecretFiles;
import dev.kubeherd.toolkit.tools.SopsDecryptor;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core every sync level shares: in {@code cwd}, decrypt every {@code *.secrets.yaml.enc} (sops,
 * 0600 siblings), then {@code helmfile --file F [--environment E] sync} with the level's variables,
 * then delete the plaintext — on every path. helmfile (and sops when there is something to decrypt)
 * must be installed before anything runs; a sops failure fails the sync before helmfile runs, so
 * nothing is half-applied.
 */
final class HelmfileSync {
  private final ToolRunner tools;
  private final Path scratch;

  HelmfileSync(ToolRunner tools, Path scratch) {
    this.tools = tools;
    this.scratch = scratch;
  }

  /**
   * @param helmfile the helmfile, as helmfile is told it (relative to {@code cwd} when inside it)
   */
  void run(Path cwd, Path helmfile, Optional<String> environment, Map<String, String> env)
      throws InterruptedException {
    List<Path> encrypted = EncryptedSecrets.in(cwd);
    tools.requireInstalled(ExternalTool.HELMFILE);
    if (!encrypted.isEmpty()) {
      tools.requireInstalled(ExternalTool.SOPS);
    }
    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      EncryptedSecrets.decryptAll(encrypted, new SopsDecryptor(tools), secrets);
      tools.run(invocation(cwd, helmfile, environment, env));
    }
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
