package dev.kubeherd.toolkit.tools;

import java.nio.file.Path;

/**
 * Decrypts a sops file with {@code sops --decrypt --input-type yaml --output-type yaml FILE}
 * (explicit types: {@code .enc} means nothing to sops). The plaintext comes back on sops' standard
 * output, which is captured, never logged, and written only through {@link SecretFiles}.
 */
public final class SopsDecryptor {
  private final ToolRunner tools;

  public SopsDecryptor(ToolRunner tools) {
    this.tools = tools;
  }

  /**
   * Decrypts {@code encrypted} to {@code target} (0600, deleted when {@code secrets} closes); sops
   * runs in the encrypted file's directory so its {@code .sops.yaml} rules apply.
   *
   * @return {@code target}
   */
  public Path decrypt(Path encrypted, Path target, SecretFiles secrets)
      throws InterruptedException {
    Path file = encrypted.toAbsolutePath();
    byte[] plain =
        tools.capture(
            ToolInvocation.of(
                ExternalTool.SOPS,
                file.getParent(),
                "--decrypt",
                "--input-type",
                "yaml",
                "--output-type",
                "yaml",
                file.toString()));
    return secrets.writeAt(target, plain);
  }
}
