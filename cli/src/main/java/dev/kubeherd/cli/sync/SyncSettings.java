package dev.kubeherd.cli.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.sync.SyncOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every {@code kubeherd sync} level shares. */
public final class SyncSettings {
  @Option(
      names = "--repo-dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description =
          "The checked-out repository: the cluster repo for master and worker, the app repo for"
              + " app (default: .).")
  Path repoDir;

  @Option(
      names = {"-e", "--environment", "--environmnent"},
      paramLabel = "ENV",
      description =
          "Environment: environments/ENV/ (default: KUBEHERD_ENVIRONMENT, kubeherd.yaml).")
  String environment;

  @Option(
      names = {"-c", "--cluster"},
      paramLabel = "CLUSTER",
      description =
          "Cluster name, CLUSTER in the helmfiles (default: KUBEHERD_CLUSTER, kubeherd.yaml).")
  String cluster;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where private temporary files (app values clones, SSH settings) go (default: the temp"
              + " dir). Decrypted secrets are written next to their encrypted files.")
  Path workDir;

  @Option(
      names = "--strict",
      description =
          "Refuse (exit 2) to decrypt a *.secrets.yaml.enc when the repository does not gitignore"
              + " its plaintext *.secrets.yaml (default: a warning).")
  boolean strict;

  SyncOptions options(Optional<Path> path, boolean create) {
    return new SyncOptions(
        repoDir,
        required(environment, "--environment", "KUBEHERD_ENVIRONMENT"),
        required(cluster, "--cluster", "KUBEHERD_CLUSTER"),
        path,
        create,
        scratch(),
        strict);
  }

  Path scratch() {
    return workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
  }

  private static String required(String value, String flag, String env) {
    if (value == null || value.isBlank()) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR,
          flag + " is required: pass it, set " + env + " or put it in kubeherd.yaml");
    }
    return value;
  }
}
