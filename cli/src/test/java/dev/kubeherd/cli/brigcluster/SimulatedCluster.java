package dev.kubeherd.cli.brigcluster;

import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.cli.kube.InProcessController;
import dev.kubeherd.cli.kube.WorkerPods;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodSimulator;
import dev.kubeherd.testsupport.kube.ShellPodRunner;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.testsupport.tools.SyncStandIns;
import dev.kubeherd.toolkit.pipeline.PipelineSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;

/**
 * The cluster {@link BrigclusterJobMockKubeTest} runs against: an engine per namespace (our
 * controller, in-process, with {@code PodSimulator} playing kubelet), engine Deployments reported
 * Available, the pipelines' repository as a local JGit repo standing in for GitHub (the
 * vcs-sidecar's clone done here). An install job's shell runs for real with a recording {@code
 * kubeherd} stand-in first on PATH; the command it recorded then runs in-process as the job's
 * {@code kubeherd}, against the same API server ({@link #jobCommands} keeps each).
 */
final class SimulatedCluster implements AutoCloseable {
  final Path repo;
  final SyncStandIns standIns;
  final List<List<String>> jobCommands = new CopyOnWriteArrayList<>();
  private final KubernetesClient client;
  private final KubernetesMockServer server;
  private final Path dir;
  private final String awsEndpoint;
  private final List<String> namespaces;
  private final Clock clock = Clock.systemUTC();
  private final List<AutoCloseable> running = new ArrayList<>();
  private final ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();

  SimulatedCluster(
      KubernetesClient client,
      KubernetesMockServer server,
      Path dir,
      String awsEndpoint,
      List<String> namespaces)
      throws Exception {
    this.client = client;
    this.server = server;
    this.dir = dir;
    this.awsEndpoint = awsEndpoint;
    this.namespaces = List.copyOf(namespaces);
    repo = clusterRepo(dir.resolve("cluster-repo"));
    standIns = new SyncStandIns(dir.resolve("bin")).add("kubeherd", "exit 0");
    namespaces.forEach(this::engine);
    kubelet.scheduleWithFixedDelay(this::enginesBecomeAvailable, 50, 100, TimeUnit.MILLISECONDS);
  }

  /** A command line run in-process against the cluster, SSM on {@code awsEndpoint}. */
  CliHarness cli() {
    CliHarness cli = new CliHarness(dir.resolve("home-" + System.nanoTime()));
    cli.kube = client;
    cli.env.put("AWS_ENDPOINT_URL", awsEndpoint);
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
    return cli;
  }

  private static Path clusterRepo(Path at) throws Exception {
    Path infra = Files.createDirectories(at.resolve("environments/test/cluster-infra"));
    Files.writeString(infra.resolve("brigade.master.default.js"), "// master default of the repo");
    Files.writeString(infra.resolve("brigade.worker.default.js"), "// worker default of the repo");
    try (Git git = Git.init().setDirectory(at.toFile()).setInitialBranch("master").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("cluster repo").setAuthor("T", "t@example.com").call();
    }
    return at;
  }

  /** A controller for {@code ns} and a pod simulator running its worker and job pods. */
  private void engine(String ns) {
    PodSimulator pods =
        new PodSimulator(client, server, ns, dir.resolve("pods-" + ns))
            .onWorkerPod(this::worker)
            .onJobPod(this::installJob);
    pods.start();
    running.add(pods);
    running.add(InProcessController.start(server, ns, clock));
  }

  /** What a kubelet reports once the engine's pods run: its Deployment Available. */
  private void enginesBecomeAvailable() {
    for (String ns : namespaces) {
      Deployment d =
          client.apps().deployments().inNamespace(ns).withName("kubeherd-controller").get();
      if (d != null && d.getStatus() == null) {
        d.setStatus(
            new DeploymentStatusBuilder()
                .withConditions(
                    new DeploymentConditionBuilder()
                        .withType("Available")
                        .withStatus("True")
                        .build())
                .build());
        client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
      }
    }
  }

  /** Our worker, in-process; GitHub is the local cluster repo. */
  private PodOutcome worker(SimulatedPod pod) {
    String ns = pod.pod().getMetadata().getNamespace();
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    for (Project p : projects.list()) {
      Map<String, String> data = new HashMap<>(p.data());
      data.put(ProjectKeys.CLONE_URL, repo.toString());
      projects.replace(new Project(p.id(), p.name(), p.namespace(), data));
    }
    return WorkerPods.run(client, clock, pod, dir.resolve("scratch-" + ns));
  }

  /**
   * The install job: its shell runs for real, with the recording {@code kubeherd} stand-in; the
   * recorded command then runs in-process, {@code /src} being the job's checkout.
   */
  private PodOutcome installJob(SimulatedPod pod) throws Exception {
    vcsSidecar(pod);
    Map<String, String> env = new HashMap<>(pod.env());
    env.put("PATH", standIns.path());
    int before = standIns.calls().size();
    PodOutcome shell = new ShellPodRunner().run(new SimulatedPod(pod.pod(), env, pod.mounts()));
    if (shell.exitCode() != 0 || standIns.calls().size() == before) {
      return shell;
    }
    List<String> argv = standIns.calls().getLast().argv();
    jobCommands.add(argv);
    Path src = pod.mount("/src").orElseThrow();
    String[] args =
        argv.stream()
            .map(a -> a.startsWith("/src/") ? src.resolve(a.substring(5)).toString() : a)
            .toArray(String[]::new);
    Result r = cli().kubeherd(args);
    return new PodOutcome(r.exitCode(), r.out() + r.err());
  }

  /** What the job pod's vcs-sidecar init container does: the checkout in {@code /src}. */
  private void vcsSidecar(SimulatedPod pod) throws Exception {
    boolean wanted =
        pod.pod().getSpec().getInitContainers().stream()
            .anyMatch(c -> c.getName().equals("vcs-sidecar"));
    Optional<Path> src = pod.mount("/src");
    if (wanted && src.isPresent()) {
      Git.cloneRepository().setURI(repo.toString()).setDirectory(src.get().toFile()).call().close();
    }
  }

  /** Adds the vcs-sidecar a bootstrap or brigcluster pipeline has. */
  void withVcsSidecar(String ns, String name) {
    SecretProjectStore projects = new SecretProjectStore(client, ns);
    Project p = projects.find(name).orElseThrow();
    Map<String, String> data = new HashMap<>(p.data());
    data.put(ProjectKeys.VCS_SIDECAR, PipelineSpec.VCS_SIDECAR);
    projects.replace(new Project(p.id(), p.name(), p.namespace(), data));
  }

  /** The master in {@code sys}, as an earlier {@code master create} left it (its project). */
  void existingMaster(String sys) {
    new SecretProjectStore(client, sys)
        .create(
            new Project(
                ProjectIds.fromName("acme/cluster-repo"),
                "acme/cluster-repo",
                sys,
                Map.of(
                    ProjectKeys.REPOSITORY,
                    "github.com/acme/cluster-repo",
                    ProjectKeys.VCS_SIDECAR,
                    PipelineSpec.VCS_SIDECAR)));
  }

  List<Build> builds(String ns) {
    return new SecretBuildStore(client, ns, clock).list(Optional.empty());
  }

  List<String> events(String ns) {
    return builds(ns).stream().map(b -> b.request().type()).sorted().toList();
  }

  Optional<Project> project(String ns, String name) {
    return new SecretProjectStore(client, ns).find(name);
  }

  String logsOf(String ns) {
    StringBuilder all = new StringBuilder();
    for (ConfigMap cm : client.configMaps().inNamespace(ns).list().getItems()) {
      if (cm.getData() != null) {
        cm.getData().values().forEach(all::append);
      }
    }
    return all.toString();
  }

  @Override
  public void close() throws Exception {
    kubelet.shutdownNow();
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }
}
