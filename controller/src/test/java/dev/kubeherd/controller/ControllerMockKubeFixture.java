package dev.kubeherd.controller;

import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.WorkerMode;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link BuildController} against the fabric8 mock server (CRUD mode) with a directory build
 * store: one namespace per test, the controllers a test starts closed after it.
 */
@EnableMockKube
abstract class ControllerMockKubeFixture {
  static KubernetesClient client;
  static KubernetesMockServer server;

  @TempDir Path home;
  protected String ns;
  protected DirectoryBuildStore builds;
  protected DirectoryProjectStore projects;
  protected String projectId;
  protected final List<BuildController> controllers = new ArrayList<>();

  @BeforeAll
  static void patience() {
    Awaitility.setDefaultTimeout(Duration.ofSeconds(30)); // the first informer start is slow
  }

  @BeforeEach
  void setUp(TestInfo test) {
    ns = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
    builds = new DirectoryBuildStore(new LocalHome(home), Clock.systemUTC());
    projects = new DirectoryProjectStore(new LocalHome(home));
    projectId = ProjectIds.fromName("brigadecore/empty-testbed");
    projects.create(new Project(projectId, "brigadecore/empty-testbed", ns, Map.of()));
  }

  @AfterEach
  void tearDown() {
    controllers.forEach(BuildController::close);
  }

  protected BuildController controller(AdmissionLimits limits) {
    return controller(limits, WorkerPodTimeouts.DEFAULT);
  }

  protected BuildController controller(AdmissionLimits limits, WorkerPodTimeouts timeouts) {
    BuildController c =
        new BuildController(
            builds,
            projects,
            new WorkerPods(client, ns),
            new WorkerPodMarks(client, ns),
            new WorkerPodFactory(ControllerConfig.fromEnv(Map.of()).worker()),
            new AdmissionQueue(limits),
            new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), 3),
            Clock.systemUTC(),
            WorkerMode.POD,
            ControllerMetrics.none(),
            timeouts);
    controllers.add(c);
    c.start();
    return c;
  }

  protected BuildController dispatchingController(AdmissionLimits limits) {
    return dispatchingController(limits, WorkerPodTimeouts.DEFAULT);
  }

  protected BuildController dispatchingController(
      AdmissionLimits limits, WorkerPodTimeouts timeouts) {
    BuildController c = controller(limits, timeouts);
    c.startDispatching();
    return c;
  }

  protected Pod awaitPod(Build b) {
    return await()
        .until(
            () -> client.pods().inNamespace(ns).withName(b.workerName()).get(), Objects::nonNull);
  }

  protected List<Pod> pods() {
    return client.pods().inNamespace(ns).list().getItems();
  }

  protected void setPhase(Build b, String phase) {
    client
        .pods()
        .inNamespace(ns)
        .withName(b.workerName())
        .editStatus(p -> new PodBuilder(p).withNewStatus().withPhase(phase).endStatus().build());
  }
}
