package dev.kubeherd.core.service;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift correction: for every project with {@code kubeherd.resyncInterval}, stores a {@code resync}
 * build (provider {@code kubeherd}) once the interval has passed since its last sync build ({@code
 * deployment}, {@code init} or {@code resync}, whatever their outcome), at the revision of its last
 * successful deployment (else of its last successful init or resync; else the default branch). A
 * project whose resync is still pending or running gets no second one. The build is stored like any
 * other: the local server or the controller runs it.
 */
public final class ResyncScheduler implements AutoCloseable {
  public static final String EVENT = "resync";
  public static final String PROVIDER = "kubeherd";
  private static final Logger LOG = LoggerFactory.getLogger(ResyncScheduler.class);
  private static final Set<String> SYNC_EVENTS = Set.of("deployment", "init", EVENT);

  private final ProjectStore projects;
  private final BuildStore builds;
  private final Clock clock;
  private final PeriodicTask timer = new PeriodicTask("resync", this::runOnce);

  public ResyncScheduler(ProjectStore projects, BuildStore builds, Clock clock) {
    this.projects = Objects.requireNonNull(projects, "projects");
    this.builds = Objects.requireNonNull(builds, "builds");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * One pass over the projects.
   *
   * @return the resync builds stored
   */
  public List<Build> runOnce() {
    Instant now = clock.instant();
    List<Build> all = builds.list(Optional.empty());
    List<Build> fired = new ArrayList<>();
    for (Project project : projects.list()) {
      Optional<Duration> interval;
      try {
        interval = ResyncInterval.of(project);
      } catch (IllegalArgumentException e) {
        LOG.warn("Resync skipped: {}", e.getMessage());
        continue;
      }
      if (interval.isPresent() && due(project, all, interval.get(), now)) {
        Build build = builds.create(request(project, all));
        LOG.info(
            "Resync build {} of project {} at {}",
            build.id(),
            project.name(),
            describe(build.request().revision()));
        fired.add(build);
      }
    }
    return fired;
  }

  private static boolean due(Project project, List<Build> all, Duration interval, Instant now) {
    List<Build> syncs = syncBuilds(project, all);
    boolean resyncInFlight =
        syncs.stream()
            .anyMatch(
                b ->
                    EVENT.equals(b.request().type())
                        && (b.status().phase() == BuildPhase.PENDING
                            || b.status().phase() == BuildPhase.RUNNING));
    if (resyncInFlight) {
      return false;
    }
    return syncs.stream()
        .map(Build::createdAt)
        .max(Comparator.naturalOrder())
        .map(last -> !last.plus(interval).isAfter(now))
        .orElse(true);
  }

  static BuildRequest request(Project project, List<Build> all) {
    List<Build> succeeded =
        syncBuilds(project, all).stream()
            .filter(b -> b.status().phase() == BuildPhase.SUCCEEDED)
            .filter(
                b ->
                    !b.request().revision().commit().isEmpty()
                        || !b.request().revision().ref().isEmpty())
            .sorted(Comparator.comparing(Build::createdAt).reversed())
            .toList();
    Optional<Revision> revision =
        succeeded.stream()
            .filter(b -> "deployment".equals(b.request().type()))
            .findFirst()
            .or(() -> succeeded.stream().findFirst())
            .map(b -> b.request().revision());
    BuildRequest request = BuildRequest.of(project.id(), EVENT, PROVIDER);
    return revision.map(request::withRevision).orElse(request);
  }

  private static List<Build> syncBuilds(Project project, List<Build> all) {
    return all.stream()
        .filter(b -> b.projectId().equals(project.id()))
        .filter(b -> SYNC_EVENTS.contains(b.request().type()))
        .toList();
  }

  private static String describe(Revision r) {
    if (r.commit().isEmpty() && r.ref().isEmpty()) {
      return "the default branch";
    }
    return r.commit().isEmpty() ? r.ref() : r.commit();
  }

  /** Runs now and then every {@code every} until {@link #stop}. */
  public void start(Duration every) {
    timer.start(every);
  }

  public void stop() {
    timer.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
