package dev.kubeherd.cli.brigadm;

import dev.kubeherd.toolkit.deploy.HelmJavaRenderer;
import dev.kubeherd.toolkit.pipeline.EngineManifests;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import dev.kubeherd.toolkit.pipeline.InitWait;
import dev.kubeherd.toolkit.pipeline.InstallJob;
import dev.kubeherd.toolkit.pipeline.LevelJobs;
import dev.kubeherd.toolkit.pipeline.LevelPipelines;
import dev.kubeherd.toolkit.pipeline.PipelineInstaller;
import dev.kubeherd.toolkit.pipeline.PipelineProbe;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/** The toolkit's pipeline parts on one client, with progress to one writer (composition). */
public final class Pipelines {
  private final KubernetesClient client;
  private final Clock clock;
  private final PrintWriter progress;

  public Pipelines(KubernetesClient client, Clock clock, PrintWriter progress) {
    this.client = client;
    this.clock = clock;
    this.progress = progress;
  }

  public PipelineInstaller installer() {
    return new PipelineInstaller(client, new EngineManifests(new HelmJavaRenderer()), progress);
  }

  public PipelineProbe probe() {
    return new PipelineProbe(client);
  }

  public EventFiring events() {
    return new EventFiring(client, clock);
  }

  public LevelPipelines levels() {
    return new LevelPipelines(installer(), probe(), events(), progress);
  }

  /** The master's pipelines: its engine's jobs may install the apps' pipelines. */
  public LevelPipelines masterLevels() {
    return new LevelPipelines(installer().installingPipelines(), probe(), events(), progress);
  }

  /**
   * {@code brigcluster} as install jobs.
   *
   * @param startTimeout how long a job's build may stay queued
   * @param readyTimeout how long to wait for an engine to be Available
   */
  public LevelJobs jobs(Duration startTimeout, Duration readyTimeout) {
    return new LevelJobs(
        probe(),
        installer().installingPipelines(),
        new InitWait(probe(), progress),
        new InstallJob(client, clock, events(), progress, startTimeout),
        events(),
        progress,
        readyTimeout);
  }

  public KubernetesClient client() {
    return client;
  }
}
