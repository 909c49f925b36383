package dev.kubeherd.cli.brigadm;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
   * The project setting naming the deploy key's SSM parameter, which the {@code kubeherd} JS
   * library's cluster-level sync jobs pass as {@code --ssh-key-from-ssm-parameter}.
   */
  public static final String SSH_KEY_PARAMETER_SETTING = "SSH_KEY_SSM_PARAMETER";

  /** Same for the GitHub token's parameter ({@code --github-token-ssm-parameter}). */
  public static final String GITHUB_TOKEN_PARAMETER_SETTING = "GITHUB_TOKEN_SSM_PARAMETER";

  /** The key's SSM parameter name; empty for none or a key file. */
  public static Optional<String> parameter(DeployKeyOptions options) {
    return options == null || options.path != null
        ? Optional.empty()
        : Optional.ofNullable(options.parameter);
  }

  /**
   * {@code settings} plus the settings that name where the credentials live (names only, never
   * values): {@link #SSH_KEY_PARAMETER_SETTING} and {@link #GITHUB_TOKEN_PARAMETER_SETTING}, unless
   * {@code settings} sets them already.
   */
  public static Map<String, String> withParameterNames(
      Map<String, String> settings,
      Optional<String> keyParameter,
      Optional<String> tokenParameter) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    keyParameter
        .filter(k -> !k.isBlank())
        .ifPresent(k -> all.putIfAbsent(SSH_KEY_PARAMETER_SETTING, k));
    tokenParameter
        .filter(t -> !t.isBlank())
        .ifPresent(t -> all.putIfAbsent(GITHUB_TOKEN_PARAMETER_SETTING, t));
    return all;
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
