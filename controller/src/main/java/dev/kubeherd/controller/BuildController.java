package dev.kubeherd.controller;

import dev.kubeherd.controller.BuildReconciler.Next;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.ProjectStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The build loop: builds from the feed ({@link #accept}) and worker pod events go to one dispatcher
 * thread, which reconciles them, queues pending builds in the {@link AdmissionQueue}, and claims
 * and starts the builds the limits admit. It only acts while dispatching (leading); on {@link
 * #startDispatching} it rebuilds its state from the store, so builds already accepted are never
 * re-run and pending ones are queued. Failed API calls are retried with bounded back-off (a claimed
 * build whose worker pod could not be created keeps its slot meanwhile, and fails with the API
 * server's last answer when the back-off gives up), and a periodic resync catches anything else
 * given up on. A worker pod that has not ended is judged again on each of its changes and at its
 * next start or run deadline ({@link WorkerPodTimeouts}).
 */
public final class BuildController implements Consumer<Build>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BuildController.class);
  static final Duration RESYNC = Duration.ofMinutes(5);

  private final BuildStore builds;
  private final Queue<BuildFeed.InvalidBuild> unreadable = new ConcurrentLinkedQueue<>();
  private final BuildReconciler reconciler;
  private final ControllerMetrics metrics;
  private final AdmissionQueue admission;
  private final WorkerPods pods;
  private final Backoff backoff;
  private final UncreatedPodVerdict uncreated;
  private final ScheduledExecutorService dispatcher;
  private volatile boolean dispatching;
  private SharedIndexInformer<Pod> podInformer;

  /** Hand-offs (claim + worker pod create) in flight at once. */
  static final int HANDOFF_THREADS = 4;

  private final ExecutorService handoffs =
      Executors.newFixedThreadPool(
          HANDOFF_THREADS, r -> Thread.ofPlatform().name("kubeherd-handoff").daemon().unstarted(r));

  /** Builds whose hand-off is running on a hand-off thread. */
  private final Set<String> handingOff = ConcurrentHashMap.newKeySet();

  /** Wires the controller for {@code config}; call {@link #start} to watch worker pods. */
  public BuildController(
      ControllerConfig config,
      BuildStore builds,
      ProjectStore projects,
      KubernetesClient client,
      Clock clock,
      ControllerMetrics metrics) {
    this(
        builds,
        projects,
        new WorkerPods(client, config.namespace()),
        new WorkerPodMarks(client, config.namespace()),
        new WorkerPodFactory(config.worker()),
        new AdmissionQueue(config.limits()),
        Backoff.DEFAULT,
        clock,
        config.workerMode(),
        metrics,
        config.workerTimeouts());
  }

  BuildController(
      BuildStore builds,
      ProjectStore projects,
      WorkerPods pods,
      WorkerPodMarks marks,
      WorkerPodFactory factory,
      AdmissionQueue admission,
      Backoff backoff,
      Clock clock,
      WorkerMode defaultMode,
      ControllerMetrics metrics,
      WorkerPodTimeouts timeouts) {
    this.builds = builds;
    this.metrics = metrics;
    metrics.watch(admission);
    this.pods = pods;
    this.admission = admission;
    this.backoff = backoff;
    this.uncreated = new UncreatedPodVerdict(builds, pods, clock);
    this.dispatcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("kubeherd-dispatch").daemon().unstarted(r));
    this.reconciler =
        new BuildReconciler(
            builds,
            projects,
            pods,
            marks,
            factory,
            clock,
            defaultMode,
            metrics,
            timeouts,
            new DeadlineRechecks(dispatcher, clock, this::recheck)::at);
  }

  /** Starts watching worker pods and the periodic resync; dispatching waits for leadership. */
  public synchronized void start() {
    podInformer =
        pods.inform(
            new WorkerPodEvents(
                (id, outcome) -> submit(() -> podEnded(id, outcome)),
                (id, pod) -> submit(() -> podGone(id, pod)),
                (id, pod) -> {
                  if (reconciler.mayNeedVerdict(id, pod)) {
                    submit(() -> recheck(id));
                  }
                }));
    long every = RESYNC.toMillis();
    dispatcher.scheduleWithFixedDelay(this::resync, every, every, TimeUnit.MILLISECONDS);
  }

  /** A build from the feed (new or changed; existing ones first). Ignored unless dispatching. */
  @Override
  public void accept(Build build) {
    metrics.seen(build);
    if (dispatching) {
      submit(() -> handle(build, 0));
    }
  }

  /**
   * A stored build that cannot be read (missing or garbage keys): failed with the reason once this
   * controller leads, so the feed stops reporting it and the reason shows in {@code brig build
   * get}. Other builds are not held up.
   */
  public void reject(BuildFeed.InvalidBuild invalid) {
    unreadable.add(invalid);
    if (dispatching) {
      submit(this::failUnreadable);
    }
  }

  /** Leadership gained: rebuild the state from the store, then dispatch. */
  public void startDispatching() {
    LOG.info("Dispatching builds");
    dispatching = true;
    submit(this::resync);
    submit(this::failUnreadable);
  }

  private void failUnreadable() {
    BuildFeed.InvalidBuild invalid;
    while (dispatching && (invalid = unreadable.poll()) != null) {
      try {
        reconciler.failUnreadable(invalid);
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not mark unreadable build Secret {} failed: {}", invalid.source(), e.toString());
      }
    }
  }

  /** Leadership lost: stop starting builds at once and forget the state. */
  public void stopDispatching() {
    if (dispatching) {
      LOG.info("No longer dispatching builds");
    }
    dispatching = false;
    submit(admission::clear);
  }

  public boolean isDispatching() {
    return dispatching;
  }

  /** The running and queued builds (for status output and tests). */
  public AdmissionQueue admission() {
    return admission;
  }

  @Override
  public synchronized void close() {
    dispatching = false;
    if (podInformer != null) {
      podInformer.close();
    }
    dispatcher.shutdownNow();
    handoffs.shutdownNow();
  }

  private void resync() {
    if (!dispatching) {
      return;
    }
    try {
      List<Build> all = builds.list(Optional.empty());
      metrics.listed(all);
      all.stream()
          .sorted(Comparator.comparing(Build::createdAt).thenComparing(Build::id))
          .forEach(b -> handle(b, 0));
    } catch (RuntimeException e) {
      LOG.warn("Could not list builds ({}); retrying at the next resync in {}", e, RESYNC);
    }
  }

  private void handle(Build build, int failedAttempts) {
    if (!dispatching) {
      return;
    }
    try {
      if (handingOff.contains(build.id()) && !build.status().phase().isTerminal()) {
        return; // the echo of its claim: the hand-off under way creates the pod, or retries
      }
      Next next = reconciler.reconcile(build);
      if (next == Next.QUEUE && admission.holdsSlot(build.id())) {
        next = reconciler.admit(build); // admitted before, hand-off not finished
      }
      switch (next) {
        case QUEUE -> admission.offer(build);
        case RUNNING -> admission.markRunning(build.id(), build.projectId());
        case DONE -> forget(build.id());
      }
    } catch (RuntimeException e) {
      retry(build, failedAttempts + 1, e);
    }
    admitWhatFits();
  }

  /**
   * Takes every build the limits admit now; each hand-off (claim, worker pod) runs on one of {@link
   * #HANDOFF_THREADS} threads, so API round trips overlap while the queue stays on the dispatcher.
   */
  private void admitWhatFits() {
    Optional<Build> next;
    while (dispatching && (next = admission.nextAdmissible()).isPresent()) {
      Build build = next.get();
      handingOff.add(build.id());
      try {
        handoffs.execute(() -> handOff(build));
      } catch (RejectedExecutionException e) {
        handingOff.remove(build.id());
        LOG.debug("Controller closed; build {} not handed off", build.id());
      }
    }
  }

  /**
   * Claims the build and creates its worker pod. A failure (the claim, or the pod create after the
   * claim) is retried with back-off, the build keeping its slot: the retry finds the build claimed
   * without a pod and creates it.
   */
  private void handOff(Build build) {
    try {
      if (reconciler.admit(build) == Next.DONE) {
        submit(
            () -> {
              forget(build.id());
              admitWhatFits(); // its slot is free for the next
            });
      }
    } catch (RuntimeException e) {
      submit(() -> retry(build, 1, e));
    } finally {
      handingOff.remove(build.id());
    }
  }

  private void retry(Build build, int failedAttempts, RuntimeException e) {
    Optional<Duration> wait = backoff.next(failedAttempts);
    if (wait.isEmpty()) {
      forget(build.id());
      giveUp(build, failedAttempts, e);
      admitWhatFits();
      return;
    }
    LOG.warn(
        "Build {} of project {}: attempt {} failed ({}); retrying in {}",
        build.id(),
        build.projectId(),
        failedAttempts,
        e.toString(),
        wait.get());
    dispatcher.schedule(
        () -> refetchAndHandle(build, failedAttempts),
        wait.get().toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /**
   * A claimed build whose worker pod still could not be created fails (a 403 from Pod Security
   * admission does not pass by itself); anything else is left to the next resync.
   */
  private void giveUp(Build build, int failedAttempts, RuntimeException e) {
    String detail = e.toString();
    if (e instanceof WorkerPodNotCreatedException notCreated) {
      try {
        if (uncreated.fail(build, failedAttempts, notCreated)) {
          return;
        }
      } catch (RuntimeException failing) {
        detail += "; failing the build failed too: " + failing;
      }
    }
    LOG.error(
        "Build {} of project {}: giving up after {} attempts ({}); the next resync retries it",
        build.id(),
        build.projectId(),
        failedAttempts,
        detail);
  }

  private void refetchAndHandle(Build build, int failedAttempts) {
    try {
      Optional<Build> fresh = builds.find(build.id());
      if (fresh.isEmpty()) {
        forget(build.id());
        return;
      }
      handle(fresh.get(), failedAttempts);
    } catch (RuntimeException e) {
      retry(build, failedAttempts + 1, e);
    }
  }

  private void forget(String buildId) {
    admission.removePending(buildId);
    admission.release(buildId);
  }

  /** Reconciles the build as it is stored now (its worker pod changed, or a deadline came). */
  private void recheck(String buildId) {
    if (!dispatching) {
      return;
    }
    try {
      builds.find(buildId).ifPresent(b -> handle(b, 0));
    } catch (RuntimeException e) {
      LOG.warn(
          "Build {}: could not re-read it to judge its worker pod ({}); the next resync does",
          buildId,
          e.toString());
    }
  }

  private void podEnded(String buildId, WorkerPodOutcome outcome) {
    if (!dispatching) {
      return;
    }
    try {
      reconciler.recordEnd(buildId, outcome);
    } catch (RuntimeException e) {
      LOG.warn("Build {}: could not record how its worker pod ended ({})", buildId, e.toString());
    }
    admission.release(buildId);
    admitWhatFits();
  }

  private void podGone(String buildId, String podName) {
    if (!dispatching) {
      return;
    }
    try {
      reconciler.recordPodGone(buildId, podName);
    } catch (RuntimeException e) {
      LOG.warn("Build {}: could not record its worker pod's deletion ({})", buildId, e.toString());
    }
    admission.release(buildId);
    admitWhatFits();
  }

  private void submit(Runnable task) {
    try {
      dispatcher.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("Controller closed; dropping a task");
    }
  }
}
