package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.toolkit.pipeline.LevelPipelines;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --image} of {@code brigcluster worker …}: the toolbox image of the pipeline's jobs. */
public final class ToolboxImageOption {
  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      defaultValue = RunCommandJob.TOOLBOX_IMAGE,
      description =
          "Toolbox image the pipeline's kubeherd jobs (syncWorker, syncApp, …) run, stored as"
              + " the project setting "
              + LevelPipelines.TOOLBOX_IMAGE_SETTING
              + " (default: ${DEFAULT-VALUE}).")
  String image;

  /** The project setting that carries the image to the {@code kubeherd} JS library. */
  Map<String, String> settings() {
    return Map.of(LevelPipelines.TOOLBOX_IMAGE_SETTING, image);
  }
}
