package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import java.io.PrintWriter;
import java.util.Optional;

/**
 * {@code brigcluster}: the master (cluster-level) pipeline in the system namespace and the worker
 * (app-infra) pipeline per app namespace, each installed like {@code brigadm init} and started by
 * an event on its project.
 */
public final class LevelPipelines {
  public static final String INIT = "init";
  public static final String UPDATE = "update";

  /**
   * The project setting (stored with ENV and CLUSTER) naming the toolbox image the {@code kubeherd}
   * JS library's jobs run; {@code brigcluster worker --image} sets it.
   */
  public static final String TOOLBOX_IMAGE_SETTING = "TOOLBOX_IMAGE";

  private final PipelineInstaller installer;
  private final PipelineProbe probe;
  private final EventFiring events;
  private final PrintWriter progress;
  private final boolean fire;

  public LevelPipelines(
      PipelineInstaller installer, PipelineProbe probe, EventFiring events, PrintWriter progress) {
    this(installer, probe, events, progress, true);
  }

  private LevelPipelines(
      PipelineInstaller installer,
      PipelineProbe probe,
      EventFiring events,
      PrintWriter progress,
      boolean fire) {
    this.installer = installer;
    this.probe = probe;
    this.events = events;
    this.progress = progress;
    this.fire = fire;
  }

  /**
   * These pipelines without their events: what an install job runs ({@code --install-only}); the
   * command that started the job fires the event once the engine is up.
   */
  public LevelPipelines installOnly() {
    return new LevelPipelines(installer, probe, events, progress, false);
  }

  /**
   * {@code master create}: installs the master and fires {@value #INIT}.
   *
   * @param ifNotExists an existing master is left alone (nothing fired) instead of exit 4
   * @return the init build, empty when the master existed and {@code ifNotExists}, or {@link
   *     #installOnly}
   */
  public Optional<Build> createMaster(PipelineSpec spec, boolean ifNotExists) {
    if (ifNotExists && !probe.probe(spec.namespace()).projects().isEmpty()) {
      say("master already exists in namespace " + spec.namespace() + "; left unchanged");
      return Optional.empty();
    }
    installer.install(spec, InstallMode.CREATE);
    return fire(spec, INIT);
  }

  /**
   * {@code master update}: upgrades engine and project (script, key), then fires {@value #UPDATE}.
   *
   * @throws PipelineMissingException (exit 3) when there is no master to update
   */
  public Optional<Build> updateMaster(PipelineSpec spec) {
    if (!probe.probe(spec.namespace()).projects().contains(spec.name())) {
      throw new PipelineMissingException(
          "no master pipeline (project "
              + spec.name()
              + ") in namespace "
              + spec.namespace()
              + "; create it first with 'brigcluster master create'");
    }
    installer.install(spec, InstallMode.UPSERT);
    return fire(spec, UPDATE);
  }

  /**
   * {@code worker create APP}: the app's pipeline, exit 4 if it exists; fires {@value #INIT} only
   * when {@code init}.
   */
  public Optional<Build> createWorker(PipelineSpec spec, boolean init) {
    installer.install(spec, InstallMode.CREATE);
    return init ? fire(spec, INIT) : Optional.empty();
  }

  /** {@code worker init APP}: create or upgrade the app's pipeline, then fire {@value #INIT}. */
  public Optional<Build> initWorker(PipelineSpec spec) {
    installer.install(spec, InstallMode.UPSERT);
    return fire(spec, INIT);
  }

  private Optional<Build> fire(PipelineSpec spec, String event) {
    if (!fire) {
      say(event + " not fired here: the command that started this install fires it");
      return Optional.empty();
    }
    Project project = events.project(spec.namespace(), Optional.of(spec.name()));
    Build build = events.fire(project, event, "", "", "");
    say(event + " fired: build " + build.id() + " in namespace " + spec.namespace());
    return Optional.of(build);
  }

  private void say(String line) {
    progress.println(line);
    progress.flush();
  }
}
