package dev.kubeherd.toolkit.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The runtime run (toolkit doc §2.1 step 9, s2i's "extended build"): the runtime {@code assemble}
 * runs in a container of the builder output with the source and the runtime scripts, and writes the
 * artifact ({@code --runtime-artifact}); only that file is copied out, into a container of the
 * runtime start image (to its working directory), where {@code assemble-runtime} puts it in place;
 * that container is committed as the final image. The assemble container is never committed.
 */
final class RuntimeStage {
  private final Containers containers;
  private final Progress progress;
  private final ImageBuildOptions options;
  private final ImageNames names;

  RuntimeStage(
      Containers containers, Progress progress, ImageBuildOptions options, ImageNames names) {
    this.containers = containers;
    this.progress = progress;
    this.options = options;
    this.names = names;
  }

  /**
   * @param source the build context packed by {@link SourceTar}, for the runtime assemble
   * @param artifactDir an empty host directory for the artifact
   * @param emptyDir an empty host directory (copying it makes the working directory exist: a
   *     Dockerfile's {@code WORKDIR} need not have created it)
   */
  void run(
      String assembleName,
      String runtimeName,
      StartImage start,
      Path source,
      Path artifactDir,
      Path emptyDir,
      Map<String, String> labels) {
    String artifactName = Path.of(options.runtimeArtifact()).getFileName().toString();
    Path artifact = artifactDir.resolve(artifactName);
    assemble(assembleName, source, emptyDir, artifact);
    ContainerSpec spec =
        new ContainerSpec(
            runtimeName,
            start.image(),
            ContainerPaths.script(BuildInputs.ASSEMBLE_RUNTIME),
            List.of());
    try (BuildContainer c = BuildContainer.create(containers, spec)) {
      String target = ContainerPaths.under(start.info().workingDir(), artifactName);
      progress.detail("container " + c + "; " + artifactName + " to " + target);
      c.copyIn(options.runtimeScripts(), ContainerPaths.SCRIPTS);
      c.copyIn(emptyDir, start.info().workingDir());
      c.copyIn(artifact, target);
      c.run("assemble-runtime", progress::output);
      c.commit(names.finalImage(), labels, ContainerPaths.runCommand(options.runtimeScripts()));
    }
  }

  private void assemble(String containerName, Path source, Path emptyDir, Path artifact) {
    ContainerSpec spec =
        new ContainerSpec(
            containerName,
            names.builderOutput(),
            ContainerPaths.script(BuildInputs.ASSEMBLE),
            List.of());
    try (BuildContainer c = BuildContainer.create(containers, spec)) {
      progress.detail("container " + c + " (not committed)");
      c.copyIn(emptyDir, ContainerPaths.SRC);
      c.copyTarIn(source, ContainerPaths.SRC);
      c.copyIn(options.runtimeScripts(), ContainerPaths.SCRIPTS);
      c.run("assemble (runtime)", progress::output);
      try {
        c.copyOut(options.runtimeArtifact(), artifact);
      } catch (ImageBuildException e) {
        throw new StepFailedException(
            "the runtime assemble left no " + options.runtimeArtifact() + " (--runtime-artifact)",
            List.of(e.getMessage()));
      }
      if (!Files.isRegularFile(artifact)) {
        throw new StepFailedException(
            options.runtimeArtifact() + " is not a file (--runtime-artifact)", List.of());
      }
    }
  }
}
