package dev.kubeherd.cli.brigadm;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where a pipeline's deploy key comes from: {@code --ssh-key-from-path} or {@code
 * --ssh-key-from-ssm-parameter} (use it in an exclusive {@code @ArgGroup}). Shared by {@code
 * brigadm init} and the {@code brigcluster} commands.
 */
public final class DeployKeyOptions {
  @Option(
      names = "--ssh-key-from-path",
      paramLabel = "FILE",
      description = "Deploy key (private) to clone with.")
  Path path;

  @Option(
      names = "--ssh-key-from-ssm-parameter",
      paramLabel = "PARAM",
      description = "SSM parameter holding the deploy key (SecureString).")
  String parameter;

  /** The README's typo, accepted and hidden. */
  @Option(names = "--ssh-key-from-ssm-paramaeter", hidden = true, paramLabel = "PARAM")
  void parameterTypo(String name) {
    parameter = name;
  }

  /** The key, read from its file or SSM; empty when {@code options} is null (none given). */
  public static Optional<String> read(DeployKeyOptions options, SecretReader secrets) {
    if (options == null) {
      return Optional.empty();
    }
    if (options.path != null) {
      return Optional.of(SecretReader.file("--ssh-key-from-path", options.path));
    }
    return Optional.of(secrets.parameter(options.parameter));
  }
}
