package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.deploy.HelmfileLocator;
import dev.kubeherd.toolkit.git.GitIgnores;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.SecretFiles;
import dev.kubeherd.toolkit.tools.SopsDecryptor;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The core every sync level shares: in {@code cwd}, decrypt every {@code *.secrets.yaml.enc} (sops,
 * 0600 siblings), then {@code helmfile --file F [--environment E] sync} with the level's variables,
 * then delete the plaintext — on every path. helmfile (and sops when there is something to decrypt)
 * must be installed before anything runs; a sops failure fails the sync before helmfile runs, so
 * nothing is half-applied. A plaintext target that the repository's {@code .gitignore} files do not
 * ignore is warned about, or refused before anything is decrypted when {@code strict}.
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
    List<Path> encrypted = EncryptedSecrets.in(cwd);
    tools.requireInstalled(ExternalTool.HELMFILE);
    if (!encrypted.isEmpty()) {
      tools.requireInstalled(ExternalTool.SOPS);
    }
    for (Path file : encrypted) {
      checkIgnored(EncryptedSecrets.plaintextOf(file));
    }
    try (SecretFiles secrets = SecretFiles.open(options.scratch())) {
      EncryptedSecrets.decryptAll(encrypted, new SopsDecryptor(tools), secrets);
      tools.run(invocation(cwd, helmfile, environment, env));
    }
  }

  private void checkIgnored(Path plaintext) {
    Optional<Boolean> ignored;
    try {
      ignored = GitIgnores.ignored(plaintext);
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING,
          "cannot read the .gitignore files above " + plaintext + ": " + e.getMessage());
    }
    if (ignored.orElse(true)) {
      return;
    }
    String what =
        plaintext
            + " (decrypted from its .enc) is not gitignored: add '*.secrets.yaml' to the"
            + " repository's .gitignore so that a decrypted file can never be committed";
    if (options.strict()) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING, "refusing to decrypt: " + what + " (--strict)");
    }
    progress.accept("warning: " + what);
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
