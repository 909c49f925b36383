package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import dev.kubeherd.toolkit.pipeline.InstallMode;
import dev.kubeherd.toolkit.pipeline.PipelineInstaller;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code brigadm bootstrap} / {@code kubeherd init} (§2.8): waits for the API server, then, as the
 * Lease's leader, creates or upgrades the bootstrap pipeline (engine and project in the {@code
 * -boot} namespace) and fires {@value #EVENT} unless an init build is already pending, running or
 * succeeded. Safe on every boot of every controller node: concurrent runs take turns, and only the
 * first fires.
 */
public final class Bootstrap {
  public static final String EVENT = "init";

  private final ApiServerWait api;
  private final PipelineInstaller installer;
  private final EventFiring events;
  private final LeaderLock lock;
  private final PrintWriter progress;

  public Bootstrap(
      ApiServerWait api,
      PipelineInstaller installer,
      EventFiring events,
      LeaderLock lock,
      PrintWriter progress) {
    this.api = api;
    this.installer = installer;
    this.events = events;
    this.lock = lock;
    this.progress = progress;
  }

  /**
   * Installs and fires; returns the init build (new, or the one a previous bootstrap fired).
   *
   * @param apiTimeout how long to wait for the API server
   */
  public Outcome run(PipelineSpec boot, Duration apiTimeout) throws InterruptedException {
    api.await(apiTimeout);
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    lock.runLeading(() -> outcome.set(installAndFire(boot)));
    return outcome.get();
  }

  private Outcome installAndFire(PipelineSpec boot) {
    installer.install(boot, InstallMode.UPSERT);
    Project project = events.project(boot.namespace(), Optional.of(boot.name()));
    Optional<Build> fired =
        events.existing(project, EVENT).filter(b -> b.status().phase() != BuildPhase.FAILED);
    if (fired.isPresent()) {
      progress.println(
          "init already fired: build " + fired.get().id() + " (" + phase(fired.get()) + ")");
      progress.flush();
      return new Outcome(fired.get(), false);
    }
    Build build = events.fire(project, EVENT, "", "", "");
    progress.println("init fired: build " + build.id() + " in namespace " + boot.namespace());
    progress.flush();
    return new Outcome(build, true);
  }

  private static String phase(Build b) {
    return b.status().phase().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * @param fired true when this run created the init build
   */
  public record Outcome(Build build, boolean fired) {}
}
