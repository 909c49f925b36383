package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.toolkit.pipeline.LevelPipelines;
import dev.kubeherd.toolkit.pipeline.RunCommandJob;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --image} of {@code brigcluster master|worker …}: the toolbox image of the pipeline's jobs,
 * and of the install job that sets the pipeline up.
 */
public final class ToolboxImageOption {
  @Option(
      names = "--image",
      paramLabel = "IMAGE",
      defaultValue = RunCommandJob.TOOLBOX_IMAGE,
      description =
          "Toolbox image of the install job and of the pipeline's kubeherd jobs (syncMaster,"
              + " syncApp, …), stored as"
              + " the project setting "
              + LevelPipelines.TOOLBOX_IMAGE_SETTING
              + " (default: ${DEFAULT-VALUE}).")
  String image;

  /** The project setting that carries the image to the {@code kubeherd} JS library. */
  Map<String, String> settings() {
    return Map.of(LevelPipelines.TOOLBOX_IMAGE_SETTING, image);
  }
}
