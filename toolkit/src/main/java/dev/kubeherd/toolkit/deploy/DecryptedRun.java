package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.git.GitIgnores;
import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.SecretFiles;
import dev.kubeherd.toolkit.tools.SopsDecryptor;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code kubeherd deploy}, {@code undeploy} and every {@code sync} level share (toolkit
 * reference §2.3, §2.4): in the tool's working directory decrypt every {@code *.secrets.yaml.enc}
 * (sops, 0600 siblings), then run the tool, then delete the plaintext — on every path. The tool
 * (and sops when there is something to decrypt) must be installed before anything runs; a sops
 * failure fails before the tool runs, so nothing is half-applied. A plaintext target that the
 * repository's {@code .gitignore} files do not ignore is warned about, or refused before anything
 * is decrypted when {@code strict}.
 */
public final class DecryptedRun {
  private final ToolRunner tools;
  private final Path scratch;
  private final boolean strict;
  private final Consumer<String> progress;

  /**
   * @param scratch where the private temporary directory of {@link SecretFiles} goes
   * @param strict refuse (exit code 2) a plaintext target git does not ignore, instead of a warning
   * @param progress receives the warnings
   */
  public DecryptedRun(ToolRunner tools, Path scratch, boolean strict, Consumer<String> progress) {
    this.tools = tools;
    this.scratch = scratch;
    this.strict = strict;
    this.progress = progress;
  }

  /** Decrypts the secrets of {@code invocation}'s working directory, then runs it. */
  public void run(ToolInvocation invocation) throws InterruptedException {
    run(invocation, List.of());
  }

  /**
   * Decrypts the secrets of {@code invocation}'s working directory and of each of {@code
   * alsoDecryptIn} (a directory listed twice, or the working directory again, counts once), then
   * runs it.
   */
  public void run(ToolInvocation invocation, List<Path> alsoDecryptIn) throws InterruptedException {
    List<Path> encrypted = encryptedIn(invocation.cwd(), alsoDecryptIn);
    tools.requireInstalled(invocation.tool());
    if (!encrypted.isEmpty()) {
      tools.requireInstalled(ExternalTool.SOPS);
    }
    for (Path file : encrypted) {
      checkIgnored(EncryptedSecrets.plaintextOf(file));
    }
    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      EncryptedSecrets.decryptAll(encrypted, new SopsDecryptor(tools), secrets);
      tools.run(invocation);
    }
  }

  private static List<Path> encryptedIn(Path cwd, List<Path> more) {
    Set<Path> dirs = new LinkedHashSet<>();
    dirs.add(cwd.toAbsolutePath().normalize());
    more.forEach(d -> dirs.add(d.toAbsolutePath().normalize()));
    return dirs.stream().flatMap(d -> EncryptedSecrets.in(d).stream()).toList();
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
    if (strict) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING, "refusing to decrypt: " + what + " (--strict)");
    }
    progress.accept("warning: " + what);
  }
}
