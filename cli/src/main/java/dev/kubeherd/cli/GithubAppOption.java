package dev.kubeherd.cli;

import dev.kubeherd.gateway.status.GithubAppSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --key-file}: the private key of the GitHub App the gateway acts as. */
public final class GithubAppOption {
  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      defaultValue = GithubAppSettings.DEFAULT_KEY_FILE,
      description =
          "GitHub App private key (PEM), used with APP_ID to act as the App: statuses, and the"
              + " installation token in check_suite, check_run and pull request comment payloads"
              + " (default: ${DEFAULT-VALUE}).")
  Path keyFile;
}
