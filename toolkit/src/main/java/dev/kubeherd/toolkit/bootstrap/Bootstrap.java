package dev.kubeherd.toolkit.bootstrap;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.toolkit.pipeline.EventFiring;
import dev.kubeherd.toolkit.pipeline.InstallMode;
import dev.kubeherd.toolkit.pipeline.KubeApiException;
import dev.kubeherd.toolkit.pipeline.PipelineInstaller;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code brigadm bootstrap} / {@code kubeherd init} (§2.8): waits for the API server, then, as the
 * Lease's leader, creates or upgrades the bootstrap pipeline (engine and project in the {@code
 * -boot} namespace) and fires {@value #EVENT} unless an init build is already pending, running or
 * succeeded. Safe on every boot of every controller node: concurrent runs take turns, and only the
 * one that creates the {@link InitMarker} fires.
 */
public final class Bootstrap {
  public static final String EVENT = "init";

  private final ApiServerWait api;
  private final PipelineInstaller installer;
  private final EventFiring events;
  private final LeaderLock lock;
  private final InitMarker marker;
  private final PrintWriter progress;

  public Bootstrap(
      ApiServerWait api,
      PipelineInstaller installer,
      EventFiring events,
      LeaderLock lock,
      InitMarker marker,
      PrintWriter progress) {
    this.api = api;
    this.installer = installer;
    this.events = events;
    this.lock = lock;
    this.marker = marker;
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
    try {
      lock.runLeading(() -> outcome.set(installAndFire(boot)));
    } catch (KubernetesClientException e) {
      throw new KubeApiException("bootstrapping namespace " + boot.namespace(), e);
    }
    return outcome.get();
  }

  private Outcome installAndFire(PipelineSpec boot) {
    installer.install(boot, InstallMode.UPSERT);
    Project project = events.project(boot.namespace(), Optional.of(boot.name()));
    String ns = boot.namespace();
    Optional<String> held = marker.claim(ns);
    if (held.isPresent()) {
      Optional<Build> fired =
          events.builds(ns).find(held.get()).filter(b -> b.status().phase() != BuildPhase.FAILED);
      if (fired.isPresent() || held.get().isEmpty()) {
        String id = fired.map(Build::id).orElse("(being fired by another bootstrap)");
        say("init already fired: build " + id + fired.map(b -> " (" + phase(b) + ")").orElse(""));
        return new Outcome(fired, false);
      }
      say("the last init build " + held.get() + " failed or is gone; firing init again");
      marker.release(ns);
      if (marker.claim(ns).isPresent()) {
        return new Outcome(Optional.empty(), false); // another bootstrap re-fired first
      }
    }
    Build build = events.fire(project, EVENT, "", "", "");
    marker.record(ns, build.id());
    say("init fired: build " + build.id() + " in namespace " + ns);
    return new Outcome(Optional.of(build), true);
  }

  private void say(String line) {
    progress.println(line);
    progress.flush();
  }

  private static String phase(Build b) {
    return b.status().phase().name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * @param build the init build, empty only while another bootstrap is firing it
   * @param fired true when this run created the init build
   */
  public record Outcome(Optional<Build> build, boolean fired) {}
}
