package dev.kubeherd.cli;

import dev.kubeherd.gateway.status.GithubAppSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --key-file}: the GitHub App private key the gateway reports statuses with. */
public final class GithubAppOption {
  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      defaultValue = GithubAppSettings.DEFAULT_KEY_FILE,
      description =
          "GitHub App private key (PEM), used with APP_ID to report build statuses as the App"
              + " (default: ${DEFAULT-VALUE}).")
  Path keyFile;
}
