package dev.kubeherd.cli.deploy;

import dev.kubeherd.toolkit.deploy.HelmfileRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options {@code kubeherd deploy} and {@code undeploy} share. */
public final class HelmfileOptions {
  @Option(
      names = {"-f", "--file"},
      paramLabel = "HELMFILE",
      description =
          "The helmfile (file or helmfile.d directory), relative to --dir; the *.secrets.yaml.enc"
              + " of its own directory are decrypted too. Default: the first of helmfile.yaml,"
              + " helmfile.yaml.gotmpl, helmfile.d/, charts.yaml (legacy), helmfile.")
  Path file;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Directory to look for the helmfile in and run helmfile in (default: .).")
  Path dir;

  @Option(
      names = {"-e", "--environment", "--environmnent"},
      paramLabel = "ENV",
      description = "helmfile --environment (default: KUBEHERD_ENVIRONMENT, kubeherd.yaml).")
  String environment;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "helmfile --selector, e.g. tier=frontend.")
  String selector;

  HelmfileRun run() {
    return new HelmfileRun(
        dir.toAbsolutePath().normalize(),
        Optional.ofNullable(file),
        Optional.ofNullable(environment).filter(e -> !e.isBlank()),
        Optional.ofNullable(selector),
        Map.of());
  }
}
