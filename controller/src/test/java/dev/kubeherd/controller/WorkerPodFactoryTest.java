package dev.kubeherd.controller;

import static dev.kubeherd.controller.TestBuilds.BUILD_ID;
import static dev.kubeherd.controller.TestBuilds.EMPTY_TESTBED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerPodFactoryTest {
  private static final String DEIS_TESTBED =
      "brigade-830c16d4aaf6f5490937ad719afd8490a5bcbef064d397411043ac";

  private final WorkerPodConfig defaults = ControllerConfig.fromEnv(Map.of()).worker();

  @Test
  void minimalProjectWithDefaultsMatchesTheGoldenPod() {
    Pod pod = minimalPod(defaults);

    assertMatchesGolden(pod, "golden/worker-pod-minimal.yaml");
  }

  @Test
  void projectSettingEveryKeyMatchesTheGoldenPod() {
    Map<String, String> env = new HashMap<>();
    env.put("BRIGADE_NAMESPACE", "ci");
    env.put("BRIGADE_WORKER_COMMAND", "node dist/index.js");
    env.put("BRIGADE_WORKER_SERVICE_ACCOUNT", "kubeherd-worker");
    env.put("KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX", "^builder$");
    env.put("KUBEHERD_WORKER_REQUESTS_CPU", "250m");
    env.put("KUBEHERD_WORKER_LIMITS_MEMORY", "1Gi");
    env.put("BRIGADE_DEFAULT_BUILD_STORAGE_CLASS", "fast");
    env.put("BRIGADE_DEFAULT_CACHE_STORAGE_CLASS", "cache");
    ControllerConfig config = ControllerConfig.fromEnv(env);
    Project project = TestBuilds.project(DEIS_TESTBED, fullProjectData());
    BuildRequest req =
        new BuildRequest(
            DEIS_TESTBED,
            "push",
            "github",
            new Revision("589e15029e1e44dee48de4800daf1f78e64287c0", "refs/heads/main"),
            "{}",
            "",
            "",
            "",
            "",
            "",
            "https://git.example.com/fork/empty-testbed.git");
    Build build = new Build(BUILD_ID, req, TestBuilds.T0, BuildStatus.pending());

    Pod pod =
        new WorkerPodFactory(config.worker())
            .workerPod(BuildSecretRef.of(build, config.namespace()), build, project);

    assertMatchesGolden(pod, "golden/worker-pod-full.yaml");
  }

  // The assertions of the v1 controller tests, one by one.

  @Test
  void podCarriesTheBuildSecretLabelsAndName() {
    Build plain = TestBuilds.brigRun(BUILD_ID, EMPTY_TESTBED);
    Map<String, String> secretLabels = new HashMap<>(Map.of("team", "x", "build", "forged"));
    secretLabels.put(BrigadeLabels.STATUS, BrigadeLabels.STATUS_ACCEPTED);
    Build build =
        new Build(
            plain.id(),
            plain.request(),
            plain.createdAt(),
            plain.status(),
            plain.workerName(),
            secretLabels);

    Pod pod =
        new WorkerPodFactory(defaults)
            .workerPod(
                BuildSecretRef.of(build, "default"),
                build,
                TestBuilds.project(EMPTY_TESTBED, Map.of()));

    assertThat(pod.getMetadata().getName()).isEqualTo("brigade-worker-" + BUILD_ID);
    Map<String, String> expected =
        new HashMap<>(BrigadeLabels.buildLabels(BUILD_ID, EMPTY_TESTBED));
    expected.put("team", "x");
    assertThat(pod.getMetadata().getLabels()).isEqualTo(expected);
    assertThat(pod.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(pod.getMetadata().getOwnerReferences()).isNullOrEmpty();
  }

  @Test
  void podRunsAsTheWorkerServiceAccountOnLinuxWithoutRestarts() {
    Pod pod = minimalPod(defaults);

    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("brigade-worker");
    assertThat(pod.getSpec().getNodeSelector())
        .containsExactly(Map.entry("beta.kubernetes.io/os", "linux"));
    assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isNull();
  }

  @Test
  void firstVolumeIsTheBuildSecretAndTheContainerIsTheRunner() {
    Pod pod = minimalPod(defaults);

    assertThat(pod.getSpec().getVolumes().get(0).getName()).isEqualTo("brigade-build");
    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("brigade-runner");
    assertThat(pod.getSpec().getInitContainers()).isNullOrEmpty();
  }

  @Test
  void withoutRegexOrPathsThereAreExactlyTwentyEnvVars() {
    WorkerPodConfig noRegex =
        ControllerConfig.fromEnv(Map.of("KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX", "")).worker();
    WorkerPodConfig emptyRegex = withRegex(noRegex, "");

    Pod pod = minimalPod(emptyRegex);

    assertThat(runner(pod).getEnv()).hasSize(20);
    assertThat(runner(pod).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("BRIGADE_SERVICE_ACCOUNT_REGEX", "BRIGADE_SCRIPT", "BRIGADE_CONFIG");
  }

  @Test
  void absoluteScriptPathIsIgnoredAndReported() {
    Project project = TestBuilds.project(EMPTY_TESTBED, Map.of("brigadejsPath", "/etc/passwd"));

    Pod pod = podFor(defaults, project);

    assertThat(runner(pod).getEnv()).extracting(EnvVar::getName).doesNotContain("BRIGADE_SCRIPT");
    assertThat(WorkerPodFactory.ignoredSettings(project))
        .containsExactly("brigadejsPath=/etc/passwd");
  }

  @Test
  void imagePullSecretsAreSplitOnCommasAndTrimmed() {
    Project project = TestBuilds.project(EMPTY_TESTBED, Map.of("imagePullSecrets", "a, b ,c,"));

    Pod pod = podFor(defaults, project);

    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly("a", "b", "c");
  }

  @Test
  void commandIsControllerThenProjectOverrideSplitOnSingleSpaces() {
    WorkerPodConfig configured =
        ControllerConfig.fromEnv(Map.of("BRIGADE_WORKER_COMMAND", "java -jar worker.jar")).worker();
    Project plain = TestBuilds.project(EMPTY_TESTBED, Map.of());
    Project overriding = TestBuilds.project(EMPTY_TESTBED, Map.of("workerCommand", "npm  start"));

    assertThat(runner(podFor(defaults, plain)).getCommand()).containsExactly("yarn", "-s", "start");
    assertThat(runner(podFor(configured, plain)).getCommand())
        .containsExactly("java", "-jar", "worker.jar");
    assertThat(runner(podFor(configured, overriding)).getCommand())
        .containsExactly("npm", "", "start");
  }

  @Test
  void defaultCommandIsConfigurableForOurWorker() {
    WorkerPodConfig ours =
        ControllerConfig.fromEnv(Map.of("KUBEHERD_WORKER_DEFAULT_COMMAND", "kubeherd worker"))
            .worker();

    assertThat(runner(podFor(ours, TestBuilds.project(EMPTY_TESTBED, Map.of()))).getCommand())
        .containsExactly("kubeherd", "worker");
  }

  @Test
  void vcsSidecarAddsAnInitContainerWithTheSameEnv() {
    Project project =
        TestBuilds.project(EMPTY_TESTBED, Map.of("vcsSidecar", "brigadecore/git-sidecar:latest"));

    Pod pod = podFor(defaults, project);

    Container init = pod.getSpec().getInitContainers().get(0);
    assertThat(init.getName()).isEqualTo("vcs-sidecar");
    assertThat(init.getImage()).isEqualTo("brigadecore/git-sidecar:latest");
    assertThat(init.getEnv()).isEqualTo(runner(pod).getEnv());
    assertThat(init.getVolumeMounts().get(0).getMountPath()).isEqualTo("/vcs");
  }

  @Test
  void projectOverridesTheWorkerImageParts() {
    String image = "brigadecore/brigade-worker:v1.5.0";
    assertThat(WorkerImage.resolve(image, projectWith(Map.of()))).isEqualTo(image);
    assertThat(WorkerImage.resolve(image, projectWith(Map.of("worker.tag", "canary"))))
        .isEqualTo("brigadecore/brigade-worker:canary");
    assertThat(WorkerImage.resolve(image, projectWith(Map.of("worker.name", "me/worker"))))
        .isEqualTo("me/worker:v1.5.0");
    assertThat(
            WorkerImage.resolve(
                image,
                projectWith(
                    Map.of(
                        "worker.registry", "quay.io", "worker.name", "me/w", "worker.tag", "1"))))
        .isEqualTo("quay.io/me/w:1");
    assertThat(WorkerImage.resolve("worker", projectWith(Map.of()))).isEqualTo("worker:latest");
  }

  @Test
  void registryPortIsNotMistakenForATag() {
    assertThat(WorkerImage.resolve("registry.local:5000/worker", projectWith(Map.of())))
        .isEqualTo("registry.local:5000/worker:latest");
  }

  @Test
  void projectPullPolicyWinsOverTheController() {
    Pod pod = podFor(defaults, projectWith(Map.of("worker.pullPolicy", "Always")));

    assertThat(runner(pod).getImagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void unparseableResourcesAreLeftOut() {
    Project project =
        projectWith(
            Map.of(
                "vcsSidecar", "sidecar:1",
                "vcsSidecarResources.limits.cpu", "one",
                "vcsSidecarResources.limits.memory", "64Mi"));

    Container init = podFor(defaults, project).getSpec().getInitContainers().get(0);

    assertThat(init.getResources().getLimits()).containsOnlyKeys("memory");
    assertThat(runner(podFor(defaults, project)).getResources()).isNull();
  }

  @Test
  void projectServiceAccountDoesNotChangeTheRegexForOtherProjects() {
    WorkerPodFactory factory = new WorkerPodFactory(defaults);
    Build b = TestBuilds.brigRun(BUILD_ID, EMPTY_TESTBED);
    factory.workerPod(
        BuildSecretRef.of(b, "default"), b, projectWith(Map.of("serviceAccount", "custom")));

    Pod later = factory.workerPod(BuildSecretRef.of(b, "default"), b, projectWith(Map.of()));

    assertThat(env(later, "BRIGADE_SERVICE_ACCOUNT_REGEX")).isEqualTo("brigade-worker");
    assertThat(env(later, "BRIGADE_SERVICE_ACCOUNT")).isEqualTo("brigade-worker");
  }

  private static Project projectWith(Map<String, String> data) {
    return TestBuilds.project(EMPTY_TESTBED, data);
  }

  private static Pod minimalPod(WorkerPodConfig config) {
    return podFor(
        config,
        TestBuilds.project(
            EMPTY_TESTBED, Map.of("cloneURL", "https://github.com/brigadecore/empty-testbed.git")));
  }

  private static Pod podFor(WorkerPodConfig config, Project project) {
    Build build = TestBuilds.brigRun(BUILD_ID, project.id());
    return new WorkerPodFactory(config)
        .workerPod(BuildSecretRef.of(build, "default"), build, project);
  }

  private static Container runner(Pod pod) {
    return pod.getSpec().getContainers().get(0);
  }

  private static String env(Pod pod, String name) {
    return runner(pod).getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static WorkerPodConfig withRegex(WorkerPodConfig c, String regex) {
    return new WorkerPodConfig(
        c.image(),
        c.command(),
        c.defaultCommand(),
        c.pullPolicy(),
        c.workerServiceAccount(),
        c.projectServiceAccount(),
        regex,
        c.resources(),
        c.defaultBuildStorageClass(),
        c.defaultCacheStorageClass());
  }

  private static Map<String, String> fullProjectData() {
    Map<String, String> d = new HashMap<>();
    d.put("cloneURL", "https://github.com/deis/empty-testbed.git");
    d.put("vcsSidecar", "brigadecore/git-sidecar:v1.5.0");
    d.put("vcsSidecarResources.limits.cpu", "100m");
    d.put("vcsSidecarResources.limits.memory", "128Mi");
    d.put("vcsSidecarResources.requests.cpu", "50m");
    d.put("vcsSidecarResources.requests.memory", "lots");
    d.put("imagePullSecrets", " regcred , other");
    d.put("workerCommand", "kubeherd worker --build");
    d.put("worker.registry", "ghcr.io");
    d.put("worker.name", "kubeherd/worker");
    d.put("worker.tag", "0.1.0");
    d.put("worker.pullPolicy", "Always");
    d.put("defaultScriptName", "ci-script");
    d.put("defaultConfigName", "ci-config");
    d.put("brigadejsPath", "ci/brigade.js");
    d.put("brigadeConfigPath", "ci/brigade.json");
    d.put("serviceAccount", "builder");
    d.put("kubernetes.allowSecretKeyRef", "true");
    d.put("initGitSubmodules", "true");
    d.put("sshKey", "not-in-env");
    return d;
  }

  /** Structural comparison: both sides as fabric8 objects, shown as YAML when they differ. */
  private static void assertMatchesGolden(Pod actual, String resource) {
    Pod expected;
    try (InputStream in =
        WorkerPodFactoryTest.class.getClassLoader().getResourceAsStream(resource)) {
      expected = Serialization.unmarshal(in, Pod.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(Serialization.asYaml(actual)).isEqualTo(Serialization.asYaml(expected));
    assertThat(runner(actual).getEnv())
        .extracting(EnvVar::getName)
        .containsExactlyElementsOf(
            runner(expected).getEnv().stream().map(EnvVar::getName).toList());
  }
}
