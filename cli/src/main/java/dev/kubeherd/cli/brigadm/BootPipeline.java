package dev.kubeherd.cli.brigadm;

import dev.kubeherd.toolkit.pipeline.DefaultScripts;
import dev.kubeherd.toolkit.pipeline.LevelJobs;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.util.Map;
import java.util.Optional;

/**
 * The bootstrap pipeline of {@code NS-boot}, as {@code brigadm bootstrap} and {@code brigcluster
 * master create} install it: the repository's project with kubeherd's bundled master default script
 * (when the jar has it).
 */
public final class BootPipeline {
  private BootPipeline() {}

  /**
   * @param settings the project settings ({@code CLUSTER_REPO}, {@code ENV}, {@code CLUSTER} …)
   */
  public static PipelineSpec spec(
      String systemNamespace,
      String repository,
      Optional<String> sshKey,
      Optional<String> scriptPath,
      Map<String, String> settings,
      Optional<String> githubToken) {
    return new PipelineSpec(
        systemNamespace + LevelJobs.BOOT_SUFFIX,
        repository,
        repository,
        sshKey,
        new DefaultScripts(BootPipeline.class.getClassLoader())
            .bundledMaster()
            .map(DefaultScripts.Script::text),
        scriptPath,
        Map.of(),
        settings,
        githubToken,
        Optional.empty());
  }
}
