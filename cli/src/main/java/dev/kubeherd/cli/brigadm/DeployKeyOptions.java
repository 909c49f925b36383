package dev.kubeherd.cli.brigadm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

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

  /**
   * The key flags for a job that reads the key itself: the SSM parameter's name, never its value.
   *
   * @throws ParameterException (usage) for {@code --ssh-key-from-path}: the job cannot read a file
   *     of this machine, and the key must not travel in its command line
   */
  public static List<String> jobArgs(DeployKeyOptions options, CommandSpec spec) {
    if (options == null) {
      return List.of();
    }
    if (options.path != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--ssh-key-from-path names a file on this machine, which the install job cannot read"
              + " (and the key never goes into its command line): store the key in SSM and pass"
              + " --ssh-key-from-ssm-parameter, or install from this machine with --in-place");
    }
    return List.of("--ssh-key-from-ssm-parameter", options.parameter);
  }
}
