package dev.kubeherd.cli.sync;

import dev.kubeherd.toolkit.ami.AwsClients;
import dev.kubeherd.toolkit.aws.AwsRegion;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitAuthSettings;
import dev.kubeherd.toolkit.ssm.SsmParameters;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How {@code sync worker} fetches app repositories: a deploy key (file or SSM parameter) for SSH
 * URLs, a token from SSM for HTTPS URLs, strict host keys with {@code --known-hosts}.
 */
public final class GitAuthOptions {
  @Option(
      names = "--ssh-key-from-path",
      paramLabel = "FILE",
      description = "Deploy key file for git over SSH (default: KUBEHERD_SSH_KEY_FROM_PATH).")
  Path sshKeyFromPath;

  @Option(
      names = {"--ssh-key-from-ssm-parameter", "--ssh-key-from-ssm-paramaeter"},
      paramLabel = "NAME",
      description =
          "SSM parameter holding the deploy key, read into memory (default:"
              + " KUBEHERD_SSH_KEY_FROM_SSM_PARAMETER).")
  String sshKeyFromSsmParameter;

  @Option(
      names = "--github-token-ssm-parameter",
      paramLabel = "NAME",
      description = "SSM parameter holding a GitHub token for HTTPS clones.")
  String githubTokenSsmParameter;

  @Option(
      names = "--known-hosts",
      paramLabel = "FILE",
      description = "known_hosts for strict host key checks (default: accept and log).")
  Path knownHosts;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region of the SSM parameters.")
  String region;

  /**
   * Refuses both deploy-key options before anything runs, as {@code brigadm} does, instead of when
   * the first app repository is fetched.
   *
   * @throws ParameterException (a usage error) naming both
   */
  void checkOneDeployKey(CommandSpec spec) {
    if (sshKeyFromPath != null && sshKeyFromSsmParameter != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--ssh-key-from-path and --ssh-key-from-ssm-parameter are mutually exclusive: give the"
              + " deploy key one way");
    }
  }

  /** The credentials for {@code url}; SSM is opened only when a parameter has to be read. */
  GitAuth resolve(String url, Map<String, String> env) {
    GitAuthSettings settings =
        new GitAuthSettings(
            Optional.ofNullable(sshKeyFromPath),
            Optional.ofNullable(sshKeyFromSsmParameter).filter(s -> !s.isBlank()),
            Optional.ofNullable(githubTokenSsmParameter).filter(s -> !s.isBlank()),
            Optional.ofNullable(knownHosts));
    AwsClients[] opened = new AwsClients[1];
    try {
      return settings.resolve(
          url,
          () -> {
            String resolved = AwsRegion.resolve(Optional.ofNullable(region), env);
            opened[0] = AwsClients.fromEnvironment(env);
            return new SsmParameters(opened[0].ssm(resolved), resolved);
          });
    } finally {
      if (opened[0] != null) {
        opened[0].close();
      }
    }
  }
}
