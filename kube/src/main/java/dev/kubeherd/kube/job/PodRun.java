package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.JobResult;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.port.JobExecutor.JobHandle;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.kube.job.PodStates.StartFailure;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job as a pod: creates its Secret and pod, follows the pod by watch and ends exactly once,
 * whichever comes first of the pod's end, a container that cannot start ({@link
 * PodStates#startFailure}: {@code ErrImagePull} and {@code InvalidImageName} at once; a reason that
 * may clear, such as {@code CreateContainerConfigError}, once the same container has waited for it
 * for the executor's start grace, counted from when this run first saw it), the timeout and a
 * cancel. Timeout, cancel and a container that cannot start delete the pod (grace period 0). While
 * the pod runs its log streams into the job's {@link LogSink} line by line ({@link StreamedLog}),
 * so it outlives a pod deleted mid-run; when the pod ends, the rest of its whole log is added. Slow
 * calls never run on watch or timer threads.
 */
final class PodRun implements JobHandle {
  private static final Logger LOG = LoggerFactory.getLogger(PodRun.class);

  private final PodJobExecutor.Shared shared;
  private final JobSpec spec;
  private final StreamedLog streamed;
  private final String ns;
  private final String pod;
  private final PodCalls pods;
  private final CompletableFuture<JobResult> completion = new CompletableFuture<>();
  private volatile PodLogStream logStream;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean podCreated;
  private volatile ScheduledFuture<?> timer;
  private String lastPhase;
  private StartFailure waiting;
  private long waits;

  PodRun(PodJobExecutor.Shared shared, JobSpec spec, LogSink sink) {
    this.shared = shared;
    this.spec = spec;
    this.streamed = new StreamedLog(sink);
    this.ns = shared.factory().context().namespace();
    this.pod = shared.factory().podName(spec);
    this.pods = new PodCalls(shared, ns, pod);
  }

  /** Builds the objects now (a spec the project forbids fails here), then runs in background. */
  void start() {
    Secret secret;
    Pod podSpec;
    try {
      secret = shared.factory().secret(spec);
      podSpec = shared.factory().pod(spec);
    } catch (JobPodSpecException e) {
      end(JobResult.rejected(pod, "Error: " + e.getMessage(), ""));
      return;
    }
    Thread.ofVirtual().name("job-" + pod).start(() -> launch(secret, podSpec));
  }

  @Override
  public CompletionStage<JobResult> completion() {
    return completion.minimalCompletionStage();
  }

  @Override
  public void cancel() {
    if (claimEnd()) {
      background(
          () -> {
            if (podCreated) {
              deletePod();
            }
            end(JobResult.failed(pod, -1, ""));
          });
    }
  }

  private void launch(Secret secret, Pod podSpec) {
    try {
      if (spec.pod().cache().enabled()) {
        shared.caches().ensure(spec);
      }
      if (spec.pod().storage().enabled()) {
        shared.storage().ensure();
      }
      progress("Creating secret " + pod);
      call("create secret " + pod, () -> createOrAdopt(secret));
      progress("Creating pod " + pod);
      call("create pod " + pod, () -> shared.pods(ns).resource(podSpec).create());
      podCreated = true;
      if (ended.get()) {
        deletePod();
        return;
      }
      long ms = spec.timeout().toMillis();
      progress("Timeout set at " + ms + " milliseconds");
      timer =
          shared.scheduler().schedule(() -> background(this::timedOut), ms, TimeUnit.MILLISECONDS);
      follow();
    } catch (KubernetesClientException e) {
      failBeforeRunning(ServerErrorRetry.reason(e));
    } catch (RuntimeException e) {
      LOG.error("Job {} could not be started", pod, e);
      failBeforeRunning(e.toString());
    }
  }

  /**
   * Creates the job Secret. The build store may have made it a moment earlier to hold the job's
   * record (annotations, no data); that one is adopted. A Secret that already has data belongs to
   * another job of the same name, which is v1's "already exists" error.
   */
  private Secret createOrAdopt(Secret secret) {
    try {
      return shared.secrets(ns).resource(secret).create();
    } catch (KubernetesClientException e) {
      Secret existing = e.getCode() == 409 ? shared.secrets(ns).withName(pod).get() : null;
      if (existing == null || (existing.getData() != null && !existing.getData().isEmpty())) {
        throw e;
      }
      return shared
          .secrets(ns)
          .withName(pod)
          .edit(
              s ->
                  new SecretBuilder(s)
                      .withData(secret.getData())
                      .editMetadata()
                      .addToLabels(secret.getMetadata().getLabels())
                      .endMetadata()
                      .build());
    }
  }

  private void failBeforeRunning(String reason) {
    if (claimEnd()) {
      if (podCreated) {
        deletePod();
      }
      end(JobResult.rejected(pod, "Error: " + reason, ""));
    }
  }

  /**
   * Follows the pod through the build's shared watch, then reads it once so a change made before
   * the watch saw it is not missed.
   */
  private void follow() {
    if (ended.get()) {
      return;
    }
    shared
        .watch()
        .follow(
            pod,
            new JobPodWatch.Listener() {
              @Override
              public void changed(Pod p) {
                observe(p);
              }

              @Override
              public void deleted() {
                background(
                    () ->
                        failBeforeRunning(
                            "pod " + pod + " was deleted before it ran to completion"));
              }
            });
    if (ended.get()) {
      shared.watch().unfollow(pod);
      return;
    }
    Pod current = pods.get();
    if (current == null) {
      failBeforeRunning("pod " + pod + " was deleted before it ran to completion");
    } else {
      observe(current);
    }
  }

  /**
   * Follows the running container's log into the job's log; with v1's {@code streamLogs} also into
   * the worker log, each line as {@code <ns>/<pod> logs <line>}.
   */
  private void streamLog() {
    boolean toWorkerLog = spec.pod().streamLogs();
    try {
      PodLogStream stream =
          PodLogStream.follow(
              shared.pods(ns).withName(pod),
              JobPodFactory.CONTAINER,
              line -> {
                streamed.line(line);
                if (toWorkerLog) {
                  progress(ns + "/" + pod + " logs " + line);
                }
              });
      logStream = stream;
      if (ended.get()) {
        streamed.stop();
        stream.close();
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Job {}: could not stream its log ({}); it is copied when the job ends",
          pod,
          e.toString());
    }
  }

  private synchronized void observe(Pod p) {
    if (ended.get() || !pod.equals(p.getMetadata().getName())) {
      return;
    }
    Optional<String> phase = PodStates.phase(p);
    if (phase.isEmpty()) {
      if (lastPhase == null) {
        lastPhase = "";
        progress("Pod not yet scheduled");
      }
      return;
    }
    if (!phase.get().equals(lastPhase)) {
      lastPhase = phase.get();
      progress(ns + "/" + pod + " phase " + lastPhase);
      if (lastPhase.equals(PodStates.RUNNING)) {
        background(this::streamLog);
      }
    }
    switch (lastPhase) {
      case PodStates.SUCCEEDED -> {
        if (claimEnd()) {
          background(this::succeeded);
        }
      }
      case PodStates.FAILED -> {
        if (claimEnd()) {
          int exit = PodStates.exitCode(p);
          background(() -> end(JobResult.failed(pod, exit, copyLogQuietly())));
        }
      }
      default -> checkStart(PodStates.startFailure(p));
    }
  }

  /**
   * Fails the job on a container that cannot start, at once unless its reason may clear. A reason
   * that may clear starts the start grace when it is first seen on that container; it fails the job
   * with the kubelet's latest message if it still holds when the grace is over.
   */
  private void checkStart(Optional<StartFailure> seen) {
    StartFailure now = seen.orElse(null);
    if (now == null || !now.mayClear()) {
      waiting = null;
      waits++;
      if (now != null) {
        failToStart(now.text());
      }
      return;
    }
    if (!now.sameWait(waiting)) {
      long wait = ++waits;
      shared
          .scheduler()
          .schedule(() -> graceOver(wait), shared.startGrace().toMillis(), TimeUnit.MILLISECONDS);
    }
    waiting = now;
  }

  private synchronized void graceOver(long wait) {
    if (wait == waits && waiting != null && !ended.get()) {
      failToStart(waiting.text());
    }
  }

  private void failToStart(String text) {
    if (claimEnd()) {
      background(
          () -> {
            deletePod();
            end(JobResult.rejected(pod, text, ""));
          });
    }
  }

  private void succeeded() {
    String log;
    try {
      log = readLog();
    } catch (KubernetesClientException e) {
      end(
          JobResult.rejected(
              pod,
              "Error: the job succeeded but its log could not be read: "
                  + ServerErrorRetry.reason(e),
              ""));
      return;
    }
    streamed.finish(log);
    end(JobResult.success(pod, log));
  }

  private void timedOut() {
    if (claimEnd()) {
      String log = copyLogQuietly();
      deletePod();
      end(JobResult.timedOut(pod, spec.timeout().toMillis(), log));
    }
  }

  private String readLog() {
    return pods.readLog();
  }

  /** The rest of the log stored, the whole log returned; what was streamed if it is gone. */
  private String copyLogQuietly() {
    return pods.readLogQuietly()
        .map(
            whole -> {
              streamed.finish(whole);
              return whole;
            })
        .orElseGet(streamed::stop);
  }

  private void deletePod() {
    pods.delete();
  }

  /** Marks the job as ending; true for exactly one caller. Stops the watch and the timer. */
  private boolean claimEnd() {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
    shared.watch().unfollow(pod);
    PodLogStream stream = logStream;
    if (stream != null) {
      streamed.stop();
      background(stream::close);
    }
    return true;
  }

  private void end(JobResult result) {
    ended.set(true);
    completion.complete(result);
  }

  private <T> T call(String what, Supplier<T> call) {
    return shared.retry().call(what, call);
  }

  private void progress(String line) {
    shared.progress().accept("[brigade:k8s] " + line);
  }

  private static void background(Runnable task) {
    Thread.ofVirtual().start(task);
  }
}
