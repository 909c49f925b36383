package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import dev.kubeherd.toolkit.pipeline.InstallMode;
import dev.kubeherd.toolkit.pipeline.KubeApiException;
import dev.kubeherd.toolkit.pipeline.PipelineInstaller;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code brigadm bootstrap} / {@code kubeherd init} (§2.8): waits for the API server, then, as the
 * Lease's leader, creates or upgrades the bootstrap pipeline (engine and project in the {@code
 * -boot} namespace) and fires {@value InitFiring#EVENT} unless an init build is already pending,
 * running or succeeded ({@link InitFiring}). Safe on every boot of every controller node:
 * concurrent runs take turns, and only the one that claims the {@link InitMarker} fires.
 */
public final class Bootstrap {
  public static final String EVENT = InitFiring.EVENT;

  private final ApiServerWait api;
  private final PipelineInstaller installer;
  private final EventFiring events;
  private final LeaderLock lock;
  private final InitFiring init;

  public Bootstrap(
      ApiServerWait api,
      PipelineInstaller installer,
      EventFiring events,
      LeaderLock lock,
      InitFiring init) {
    this.api = api;
    this.installer = installer;
    this.events = events;
    this.lock = lock;
    this.init = init;
  }

  /**
   * Installs and fires; returns the init build (new, or the one a previous bootstrap fired).
   *
   * @param apiTimeout how long to wait for the API server
   */
  public Outcome run(PipelineSpec boot, Duration apiTimeout) throws InterruptedException {
    api.await(apiTimeout);
    AtomicReference<Outcome> outcome = new AtomicReference<>();
    try {
      lock.runLeading(() -> outcome.set(installAndFire(boot)));
    } catch (KubernetesClientException e) {
      throw new KubeApiException("bootstrapping namespace " + boot.namespace(), e);
    }
    return outcome.get();
  }

  private Outcome installAndFire(PipelineSpec boot) throws InterruptedException {
    installer.install(boot, InstallMode.UPSERT);
    Project project = events.project(boot.namespace(), Optional.of(boot.name()));
    return init.fire(project);
  }

  /**
   * @param build the init build
   * @param fired true when this run created it
   */
  public record Outcome(Build build, boolean fired) {}
}
