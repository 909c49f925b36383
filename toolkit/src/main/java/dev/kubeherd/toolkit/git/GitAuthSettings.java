package dev.kubeherd.toolkit.git;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.ssm.SsmParameters;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@link GitAuth} a command's settings ask for: for an SSH URL the deploy key from {@code
 * ssh-key-from-path} or, read with decryption into memory, {@code ssh-key-from-ssm-parameter}
 * (never both), checked against {@code known-hosts} when set; for an HTTPS URL the token in {@code
 * github-token-ssm-parameter}; otherwise none.
 */
public final class GitAuthSettings {
  private final Optional<Path> keyFile;
  private final Optional<String> keyParameter;
  private final Optional<String> tokenParameter;
  private final Optional<Path> knownHosts;

  public GitAuthSettings(
      Optional<Path> keyFile,
      Optional<String> keyParameter,
      Optional<String> tokenParameter,
      Optional<Path> knownHosts) {
    if (keyFile.isPresent() && keyParameter.isPresent()) {
      throw new GitAccessException(
          ToolkitExitCodes.ERROR,
          "give the deploy key either with --ssh-key-from-path or with"
              + " --ssh-key-from-ssm-parameter, not both");
    }
    this.keyFile = keyFile;
    this.keyParameter = keyParameter;
    this.tokenParameter = tokenParameter;
    this.knownHosts = knownHosts;
  }

  /**
   * @param ssm opened only when a parameter has to be read
   * @throws GitAccessException (exit 2) when the key file is missing
   * @throws dev.kubeherd.toolkit.ssm.SsmParameterException (exit 3) when a parameter cannot be read
   */
  public GitAuth resolve(String url, Supplier<SsmParameters> ssm) {
    RemoteUrl remote = RemoteUrl.parse(url);
    HostKeys hosts = knownHosts.map(HostKeys::strict).orElseGet(HostKeys::acceptAny);
    if (remote.isSsh() && keyFile.isPresent()) {
      return GitAuth.sshKey(SshDeployKey.fromFile(keyFile.get()), hosts);
    }
    if (remote.isSsh() && keyParameter.isPresent()) {
      String name = keyParameter.get();
      return GitAuth.sshKey(SshDeployKey.of(ssm.get().get(name), "SSM parameter " + name), hosts);
    }
    if ((remote.isHttps() || remote.isLoopbackHttp()) && tokenParameter.isPresent()) {
      String name = tokenParameter.get();
      return GitAuth.token(
          HttpsToken.of(HttpsToken.GITHUB_USER, ssm.get().get(name), "SSM parameter " + name));
    }
    return GitAuth.none();
  }
}
