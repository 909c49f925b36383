package dev.kubeherd.worker.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import dev.kubeherd.testsupport.kube.PodSimulator;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm pool end to end on the mock API server, its job pods run by the pod simulator. */
@EnableMockKube
class KubeWorkerPoolMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static final String NAME = "acme/pooled";
  static final String PROJECT = ProjectIds.fromName(NAME);
  static final String ONE_JOB =
      """
      const { events, Job } = require("brigadier");
      events.on("exec", async () => {
        await new Job("hello", "alpine:3", ["echo hi"]).run();
      });
      """;

  @TempDir Path dir;
  final Clock clock = Clock.systemUTC();
  final List<String> jobServiceAccounts = new CopyOnWriteArrayList<>();
  String ns;
  PodSimulator pods;

  @BeforeEach
  void setUp() {
    ns = "pool-" + NAMESPACES.incrementAndGet();
    pods =
        new PodSimulator(client, server, ns, dir.resolve("pods"))
            .onRunning(pod -> jobServiceAccounts.add(pod.pod().getSpec().getServiceAccountName()));
    pods.start();
  }

  @AfterEach
  void tearDown() {
    pods.close();
  }

  @Test
  void poolJobPodsRunAsTheProjectsServiceAccount() throws Exception {
    Build build = oneJobBuildAs("deployer", "deployer");

    assertThat(phase(build)).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(jobServiceAccounts).containsExactly("deployer");
  }

  @Test
  void aPoolRefusesAProjectServiceAccountItsRegexDoesNotAllow() throws Exception {
    Build build = oneJobBuildAs("cluster-admin", "deploy.*");

    Build ended = builds().find(build.id()).orElseThrow();
    assertThat(ended.status().phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(ended.status().message())
        .startsWith(
            "project "
                + PROJECT
                + " sets serviceAccount 'cluster-admin' for its jobs, which this worker pool does"
                + " not allow: job service accounts must match the regex 'deploy.*'");
    assertThat(jobServiceAccounts).isEmpty(); // no job pod ran
  }

  @Test
  void poolBuildsLeaveNoDirectoriesBehindWhetherTheySucceedOrFail() throws Exception {
    Path origin = repository(ONE_JOB);
    project(Map.of("vcsSidecar", "brigadecore/git-sidecar:latest", "cloneURL", uri(origin)));
    Build passed;
    Build failed;
    try (WorkerPool pool = pool(new JobPodDefaults(ns, "", "", ""))) {
      passed = builds().create(request());
      failed = builds().create(request().withScript("throw new Error('no luck');"));
      awaitEnded(pool, 2);
    }

    assertThat(phase(passed)).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(phase(failed)).isEqualTo(BuildPhase.FAILED);
    assertThat(jobServiceAccounts).hasSize(1); // the checkout's brigade.js ran its job
    try (Stream<Path> left = Files.list(dir.resolve("scratch"))) {
      assertThat(left).map(p -> p.getFileName().toString()).containsExactly(PoolScratch.LOCK_FILE);
    }
  }

  @Test
  void aPoolRemovesTheCheckoutAKilledProcessLeftBeforeServingAndThenServesBuilds()
      throws Exception {
    Path scratch = dir.resolve("scratch");
    Path killed = scratch.resolve("01jd0000000000000000000000");
    Files.createDirectories(killed.resolve("scratch"));
    Files.writeString(killed.resolve(PodWorkspaces.MARKER), "");
    Files.createDirectories(killed.resolve("src/.git"));
    Files.writeString(killed.resolve("src/brigade.js"), ONE_JOB);
    Path origin = repository(ONE_JOB);
    project(Map.of("vcsSidecar", "brigadecore/git-sidecar:latest", "cloneURL", uri(origin)));

    try (WorkerPool pool = pool(new JobPodDefaults(ns, "", "", ""))) {
      assertThat(killed).doesNotExist(); // gone before the pool was handed back
      Build build = builds().create(request());
      awaitEnded(pool, 1);

      assertThat(phase(build)).isEqualTo(BuildPhase.SUCCEEDED);
    }
    assertThat(jobServiceAccounts).hasSize(1); // the fresh checkout's brigade.js ran its job
  }

  @Test
  void aClosedPoolHoldsItsScratchDirectoryUntilItsRunningBuildHasEnded() throws Exception {
    project(Map.of());
    Path scratch = dir.resolve("scratch");
    WorkerPool pool = pool(new JobPodDefaults(ns, "", "", ""));
    Build build =
        builds()
            .create(
                BuildRequest.of(PROJECT, "exec", "brigade-cli")
                    .withScript(
                        """
                        const { events } = require("brigadier");
                        events.on("exec", async () => {
                          await new Promise((resolve) => setTimeout(resolve, 3000));
                        });
                        """));
    Path its = scratch.resolve(build.id());
    awaitUntil(() -> pool.running() == 1 && Files.isDirectory(its));

    pool.close();
    try (PoolScratch next = PoolScratch.hold(scratch)) { // a pool started right after
      assertThat(its).as("the running build's directory").isDirectory();
    }

    awaitUntil(() -> pool.running() == 0 && !Files.exists(its));
    assertThat(phase(build)).isNotEqualTo(BuildPhase.RUNNING);
  }

  /**
   * Runs one {@link #ONE_JOB} build to its end for a project whose jobs use {@code serviceAccount},
   * on a pool allowing job service accounts matching {@code allowedRegex}.
   */
  private Build oneJobBuildAs(String serviceAccount, String allowedRegex) throws Exception {
    project(Map.of("serviceAccount", serviceAccount));
    try (WorkerPool pool = pool(new JobPodDefaults(ns, "brigade-worker", allowedRegex, "", ""))) {
      Build build =
          builds().create(BuildRequest.of(PROJECT, "exec", "brigade-cli").withScript(ONE_JOB));
      awaitEnded(pool, 1);
      return build;
    }
  }

  private static BuildRequest request() {
    return BuildRequest.of(PROJECT, "exec", "brigade-cli")
        .withRevision(Revision.ofRef("refs/heads/main"));
  }

  private Path repository(String brigadeJs) throws Exception {
    Path origin = dir.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("main").call()) {
      Files.writeString(origin.resolve("brigade.js"), brigadeJs);
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("one")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
    }
    return origin;
  }

  private static String uri(Path origin) {
    return origin.toUri().toString();
  }

  private void project(Map<String, String> extra) {
    Map<String, String> data = new HashMap<>(extra);
    data.put("repository", "github.com/" + NAME);
    new SecretProjectStore(client, ns).create(new Project(PROJECT, NAME, ns, data));
  }

  private WorkerPool pool(JobPodDefaults defaults) {
    return KubeWorkerPool.start(
        client, defaults, WorkerMode.POOL, 2, "replica-0", dir.resolve("scratch"), clock);
  }

  private SecretBuildStore builds() {
    return new SecretBuildStore(client, ns, clock);
  }

  private BuildPhase phase(Build build) {
    return builds().find(build.id()).orElseThrow().status().phase();
  }

  /** Waits until the pool has started {@code count} builds and none is running any more. */
  private static void awaitEnded(WorkerPool pool, int count) throws InterruptedException {
    awaitUntil(() -> pool.started() == count && pool.running() == 0);
  }

  private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(end);
      Thread.sleep(50);
    }
  }
}
