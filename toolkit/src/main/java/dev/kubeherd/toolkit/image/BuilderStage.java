package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The builder run (toolkit doc §2.1 step 6): a container of the start image gets the source at
 * {@code /tmp/src} (without {@code .git}, {@link SourceTar}) and the builder scripts at {@code
 * /tmp/scripts}, the secrets as read-only mounts; {@code assemble} runs; the container is checked
 * for content below the secret mounts, for a copy of the secrets directory and for a secret value
 * in any file it added or changed, and committed as one layer, {@code builder-<tag>}. Incremental
 * builds first let the previous image's {@code save-artifacts} stream a tar that is unpacked at
 * {@code /tmp/artifacts}.
 */
final class BuilderStage {
  private final Containers containers;
  private final Progress progress;
  private final ImageBuildOptions options;
  private final ImageNames names;

  BuilderStage(
      Containers containers, Progress progress, ImageBuildOptions options, ImageNames names) {
    this.containers = containers;
    this.progress = progress;
    this.options = options;
    this.names = names;
  }

  /**
   * Runs {@code save-artifacts} in a container of {@code previous}; its stdout goes to {@code tar}.
   */
  void saveArtifacts(String containerName, String previous, Path tar) {
    ContainerSpec spec =
        new ContainerSpec(
            containerName, previous, ContainerPaths.script(BuildInputs.SAVE_ARTIFACTS), List.of());
    try (BuildContainer c = BuildContainer.create(containers, spec)) {
      c.copyIn(options.builderScripts(), ContainerPaths.SCRIPTS);
      c.runTo("save-artifacts", tar, progress::output);
    }
  }

  /**
   * @param source the build context packed by {@link SourceTar}
   * @param artifacts the saved artifacts of an incremental build (a tar), if any
   */
  void run(
      String containerName,
      StartImage start,
      BuildSecrets secrets,
      Path source,
      Optional<Path> artifacts,
      Path emptyDir,
      Map<String, String> labels) {
    ContainerSpec spec =
        new ContainerSpec(
            containerName,
            start.image(),
            ContainerPaths.script(BuildInputs.ASSEMBLE),
            secrets.mounts());
    try (BuildContainer c = BuildContainer.create(containers, spec)) {
      progress.detail(
          "container "
              + c
              + (secrets.targets().isEmpty()
                  ? "; no secrets"
                  : "; secrets mounted read-only at " + String.join(", ", secrets.targets())));
      c.copyIn(emptyDir, ContainerPaths.SRC);
      c.copyTarIn(source, ContainerPaths.SRC);
      c.copyIn(options.builderScripts(), ContainerPaths.SCRIPTS);
      if (artifacts.isPresent() && size(artifacts.get()) > 0) {
        c.copyIn(emptyDir, ContainerPaths.ARTIFACTS);
        c.copyTarIn(artifacts.get(), ContainerPaths.ARTIFACTS);
      }
      c.run("assemble (builder)", progress::output);
      c.checkNothingUnder(secrets.targets());
      secrets.dirName().ifPresent(c::checkNoCopyOf);
      c.checkNoSecretValues(
          "assemble (builder)",
          names.builderOutput(),
          secrets.values(),
          secrets.targets(),
          progress::detail);
      c.commit(names.builderOutput(), labels, ContainerPaths.runCommand(options.builderScripts()));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
