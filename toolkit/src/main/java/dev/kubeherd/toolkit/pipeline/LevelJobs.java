package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code brigcluster} as jobs (§2.9, §2.10): the install runs in the cluster as a {@link
 * InstallJob} with that pipeline's credentials (the master's from {@code NS-boot}, an app's from
 * the master namespace), then this process fires the first event. The job runs the same command
 * with {@code --in-place --install-only} ({@link LevelPipelines} there).
 */
public final class LevelJobs {
  /** The suffix of the namespace whose pipeline installs the master. */
  public static final String BOOT_SUFFIX = "-boot";

  private final PipelineProbe probe;
  private final PipelineInstaller bootInstaller;
  private final InitWait wait;
  private final InstallJob jobs;
  private final EventFiring events;
  private final PrintWriter progress;
  private final Duration readyTimeout;

  /**
   * @param bootInstaller installs {@code NS-boot} when it is missing (with the pipeline installer
   *     RBAC)
   * @param readyTimeout how long to wait for an engine to be Available
   */
  public LevelJobs(
      PipelineProbe probe,
      PipelineInstaller bootInstaller,
      InitWait wait,
      InstallJob jobs,
      EventFiring events,
      PrintWriter progress,
      Duration readyTimeout) {
    this.probe = probe;
    this.bootInstaller = bootInstaller;
    this.wait = wait;
    this.jobs = jobs;
    this.events = events;
    this.progress = progress;
    this.readyTimeout = readyTimeout;
  }

  /**
   * {@code master create}: {@code NS-boot} unless it has a pipeline ({@code boot}, asked for only
   * then: it reads the key), the install job there, the master engine Available, then {@value
   * LevelPipelines#INIT}.
   *
   * @param job the install job: {@code kubeherd brigcluster master create --in-place …}
   * @return the init build, empty when the master existed and {@code ifNotExists}
   * @throws PipelineExistsException (exit 4) when the master exists and not {@code ifNotExists}
   */
  public Optional<Build> createMaster(
      Supplier<PipelineSpec> boot,
      String namespace,
      String project,
      List<String> job,
      String image,
      boolean ifNotExists)
      throws InterruptedException {
    if (!probe.probe(namespace).projects().isEmpty()) {
      if (ifNotExists) {
        say("master already exists in namespace " + namespace + "; left unchanged");
        return Optional.empty();
      }
      throw new PipelineExistsException(
          "the master pipeline",
          namespace,
          "pass --if-not-exists to accept it, or upgrade it with 'brigcluster master update'");
    }
    String bootNs = namespace + BOOT_SUFFIX;
    if (!probe.probe(bootNs).installed()) {
      say("no pipeline in namespace " + bootNs + "; installing it (brigadm init)");
      bootInstaller.install(boot.get(), InstallMode.UPSERT);
      wait.await(bootNs, readyTimeout);
    }
    jobs.run(bootNs, job, image);
    wait.await(namespace, readyTimeout);
    return Optional.of(fire(namespace, project, LevelPipelines.INIT));
  }

  /**
   * {@code master update}: the install job in {@code NS-boot} (upgrade), then {@value
   * LevelPipelines#UPDATE}. Never installs {@code NS-boot}.
   *
   * @throws PipelineMissingException (exit 3) when there is no master, before anything runs
   */
  public Build updateMaster(String namespace, String project, List<String> job, String image)
      throws InterruptedException {
    if (!probe.probe(namespace).projects().contains(project)) {
      throw new PipelineMissingException(
          "no master pipeline (project "
              + project
              + ") in namespace "
              + namespace
              + "; create it first with 'brigcluster master create'");
    }
    jobs.run(namespace + BOOT_SUFFIX, job, image);
    return fire(namespace, project, LevelPipelines.UPDATE);
  }

  /**
   * {@code worker create|init APP}: the install job in the master namespace {@code jobNamespace},
   * then {@value LevelPipelines#INIT} on the app's project when {@code init}.
   */
  public Optional<Build> worker(
      String jobNamespace, String app, String project, List<String> job, String image, boolean init)
      throws InterruptedException {
    jobs.run(jobNamespace, job, image);
    return init ? Optional.of(fire(app, project, LevelPipelines.INIT)) : Optional.empty();
  }

  private Build fire(String namespace, String name, String event) {
    Project project = events.project(namespace, Optional.of(name));
    Build build = events.fire(project, event, "", "", "");
    say(event + " fired: build " + build.id() + " in namespace " + namespace);
    return build;
  }

  private void say(String line) {
    progress.println(line);
    progress.flush();
  }
}
