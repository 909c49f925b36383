package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays kubelet for the fabric8 mock server, which stores pods but never runs them. Every new pod
 * in the namespace moves Pending → Running → Succeeded or Failed while a {@link PodRunner} runs it:
 * worker pods ({@code component=build}) with the runner the test gives (typically our worker,
 * in-process, with the pod's env and mounts), every other pod with {@link ShellPodRunner} (the
 * container command as a local process). The container's output is served as the pod log. A pod
 * deleted while it runs has its runner interrupted. Images matched by {@link #failImagePull} stay
 * Pending with {@code ErrImagePull}, as a kubelet reports an image it cannot pull. Init containers
 * run first, in order, when the test gives a runner for their name ({@link #onInitContainer}, e.g.
 * the {@code vcs-sidecar} cloning into its volume); the others are skipped. A failing one fails the
 * pod with its log.
 */
public final class PodSimulator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodSimulator.class);

  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final String namespace;
  private final PodEnvironment environment;
  private final ExecutorService pods = Executors.newVirtualThreadPerTaskExecutor();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Map<String, Future<?>> running = new ConcurrentHashMap<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private volatile PodRunner workerRunner =
      pod -> {
        throw new IllegalStateException(
            "no worker runner: call onWorkerPod(...) before a worker pod is created");
      };
  private volatile PodRunner jobRunner = new ShellPodRunner();
  private volatile Predicate<String> unpullable = image -> false;
  private volatile Consumer<SimulatedPod> onRunning = pod -> {};
  private final Map<String, PodRunner> initRunners = new ConcurrentHashMap<>();
  private SharedIndexInformer<Pod> informer;

  public PodSimulator(
      KubernetesClient client, KubernetesMockServer server, String namespace, Path workDir) {
    this.client = client;
    this.server = server;
    this.namespace = namespace;
    this.environment = new PodEnvironment(client, namespace, workDir);
  }

  /** How worker pods (label {@code component=build}) run. */
  public PodSimulator onWorkerPod(PodRunner runner) {
    this.workerRunner = runner;
    return this;
  }

  /** How all other pods run (default: {@link ShellPodRunner}). */
  public PodSimulator onJobPod(PodRunner runner) {
    this.jobRunner = runner;
    return this;
  }

  /**
   * Called just before a pod is marked Running (its runner not started yet): a test can serve the
   * pod's followed log ({@code ...&follow=true}) there, as a kubelet streams a running container's
   * output.
   */
  public PodSimulator onRunning(Consumer<SimulatedPod> hook) {
    this.onRunning = hook;
    return this;
  }

  /**
   * How init containers named {@code name} run, with their own env and mounts ({@link
   * SimulatedPod#env()}, {@link SimulatedPod#mounts()}); without a runner they are skipped.
   */
  public PodSimulator onInitContainer(String name, PodRunner runner) {
    initRunners.put(name, runner);
    return this;
  }

  public PodSimulator failImagePull(Predicate<String> image) {
    this.unpullable = image;
    return this;
  }

  /** Starts watching; pods that already exist and never ran are run too. */
  public PodSimulator start() {
    informer =
        client
            .pods()
            .inNamespace(namespace)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    maybeStart(pod);
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    maybeStart(pod);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknownFinalState) {
                    Future<?> f = running.remove(pod.getMetadata().getName());
                    if (f != null) {
                      f.cancel(true);
                    }
                  }
                },
                0);
    return this;
  }

  /** Names of every pod the simulator started, in order. */
  public List<String> podsSeen() {
    return List.copyOf(seen);
  }

  private void maybeStart(Pod pod) {
    String name = pod.getMetadata().getName();
    boolean fresh = pod.getStatus() == null || pod.getStatus().getPhase() == null;
    if (fresh && started.add(name)) {
      seen.add(name);
      running.put(name, pods.submit(() -> run(pod)));
    }
  }

  private void run(Pod pod) {
    String name = pod.getMetadata().getName();
    try {
      String image = pod.getSpec().getContainers().getFirst().getImage();
      if (unpullable.test(image == null ? "" : image)) {
        status(name, PodStates.imagePullError(image));
        return;
      }
      status(name, PodStates.pending());
      Optional<PodOutcome> failedInit = runInitContainers(pod);
      if (failedInit.isPresent()) {
        serveLog(pod, failedInit.get().log());
        status(name, PodStates.terminated(Instant.now(), Instant.now(), 1));
        return;
      }
      SimulatedPod prepared = environment.prepare(pod);
      Instant startedAt = Instant.now();
      onRunning.accept(prepared);
      status(name, PodStates.running(startedAt));
      boolean worker = "build".equals(prepared.label("component"));
      PodOutcome outcome = (worker ? workerRunner : jobRunner).run(prepared);
      serveLog(pod, outcome.log());
      status(name, PodStates.terminated(startedAt, Instant.now(), outcome.exitCode()));
    } catch (InterruptedException e) {
      LOG.debug("pod {} deleted while it ran", name);
    } catch (Exception e) {
      LOG.warn("simulated pod {} crashed: {}", name, e.toString(), e);
      serveLog(pod, "simulator: " + e + "\n");
      status(name, PodStates.terminated(Instant.now(), Instant.now(), 1));
    } finally {
      running.remove(name);
    }
  }

  /** Runs the init containers that have a runner; the first failure, if any. */
  private Optional<PodOutcome> runInitContainers(Pod pod) throws Exception {
    List<Container> init = pod.getSpec().getInitContainers();
    for (Container c : init == null ? List.<Container>of() : init) {
      PodRunner runner = initRunners.get(c.getName());
      if (runner != null) {
        PodOutcome outcome = runner.run(environment.prepare(pod, c));
        if (outcome.exitCode() != 0) {
          return Optional.of(outcome);
        }
      }
    }
    return Optional.empty();
  }

  private void serveLog(Pod pod, String log) {
    String base =
        "/api/v1/namespaces/" + namespace + "/pods/" + pod.getMetadata().getName() + "/log";
    server.expect().get().withPath(base + "?pretty=false").andReturn(200, log).always();
    pod.getSpec()
        .getContainers()
        .forEach(
            c ->
                server
                    .expect()
                    .get()
                    .withPath(base + "?pretty=false&container=" + c.getName())
                    .andReturn(200, log)
                    .always());
  }

  private void status(String name, PodStatus status) {
    try {
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .editStatus(p -> new PodBuilder(p).withStatus(status).build());
    } catch (KubernetesClientException e) {
      LOG.debug("pod {} is gone; status {} not written", name, status.getPhase());
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    running.values().forEach(f -> f.cancel(true));
    pods.shutdownNow();
  }
}
