package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.tools.SecretFiles;
import dev.kubeherd.toolkit.tools.SopsDecryptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sops-encrypted files of a deploy or sync directory: every {@code *.secrets.yaml.enc} directly
 * in it, decrypted to the sibling {@code *.secrets.yaml} helmfile reads (0600, removed when the
 * {@link SecretFiles} close). helm-secrets-style {@code secrets*.yaml} files encrypted in place are
 * left to helmfile.
 */
public final class EncryptedSecrets {
  static final String SUFFIX = ".secrets.yaml.enc";

  private EncryptedSecrets() {}

  /** The encrypted files of {@code dir}, sorted by name. */
  public static List<Path> in(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING, "cannot list " + dir + ": " + e.getMessage());
    }
  }

  /** {@code brigade-project.secrets.yaml.enc} → {@code brigade-project.secrets.yaml}. */
  public static Path plaintextOf(Path encrypted) {
    String name = encrypted.getFileName().toString();
    return encrypted.resolveSibling(name.substring(0, name.length() - ".enc".length()));
  }

  /** Decrypts every file of {@code encrypted} next to itself; a sops failure stops at once. */
  public static void decryptAll(List<Path> encrypted, SopsDecryptor sops, SecretFiles secrets)
      throws InterruptedException {
    for (Path file : encrypted) {
      sops.decrypt(file, plaintextOf(file), secrets);
    }
  }
}
