package dev.kubeherd.kube.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.JobPodOptions.Cache;
import dev.kubeherd.core.model.JobPodOptions.Host;
import dev.kubeherd.core.model.JobPodOptions.Resources;
import dev.kubeherd.core.model.JobPodOptions.Storage;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.kube.brigade.BrigadeLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per job-pod item of the contract's test list (section 8). */
class JobPodFactoryTest {
  static final String POD = "j-" + TestJobs.BUILD;

  static Map<String, String> withSidecar() {
    Map<String, String> d = TestJobs.projectData();
    d.put("vcsSidecar", "brigadecore/git-sidecar:latest");
    return d;
  }

  static JobPodFactory factory(Map<String, String> data) {
    return TestJobs.factory(data);
  }

  static Pod pod(Map<String, String> data, TestJobs.Job job) {
    return factory(data).pod(job.spec());
  }

  static Container main(Pod pod) {
    return pod.getSpec().getContainers().get(0);
  }

  static List<String> volumeNames(Pod pod) {
    return pod.getSpec().getVolumes().stream().map(Volume::getName).toList();
  }

  static List<String> envNames(Container c) {
    return c.getEnv().stream().map(EnvVar::getName).toList();
  }

  static String decoded(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
  }

  @Test
  void podAndSecretAreNamedJobDashBuildAndCarryTheV1JobLabels() {
    JobPodFactory f = factory(TestJobs.projectData());
    JobSpec job = TestJobs.job("j").tasks("true").spec();
    Pod pod = f.pod(job);
    Map<String, String> expected =
        Map.of(
            "heritage",
            "brigade",
            "component",
            "job",
            "jobname",
            "j",
            "project",
            TestJobs.PROJECT_ID,
            "worker",
            TestJobs.WORKER,
            "build",
            TestJobs.BUILD);
    assertThat(pod.getMetadata().getName()).isEqualTo(POD).isEqualTo(job.podName());
    assertThat(pod.getMetadata().getLabels()).isEqualTo(expected);
    assertThat(f.secret(job).getMetadata().getName()).isEqualTo(POD);
    assertThat(f.secret(job).getMetadata().getLabels())
        .containsAllEntriesOf(expected)
        .containsEntry(JobPodFactory.EXPIRES_LABEL, "1702592000000")
        .hasSize(7);
    assertThat(f.secret(job).getType()).isEqualTo("brigade.sh/job");
  }

  @Test
  void envValuesLiveInTheJobSecretAndThePodOnlyReferencesThem() {
    JobPodFactory f = factory(TestJobs.projectData());
    JobSpec job = TestJobs.job("j").env("TOKEN", "s3cr3t-value").env("NOTHING", "").spec();
    Pod pod = f.pod(job);
    EnvVar token = main(pod).getEnv().get(0);
    assertThat(token.getName()).isEqualTo("TOKEN");
    assertThat(token.getValue()).isNull();
    assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo(POD);
    assertThat(token.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("TOKEN");
    assertThat(decoded(f.secret(job).getData().get("TOKEN"))).isEqualTo("s3cr3t-value");
    assertThat(f.secret(job).getData()).containsEntry("NOTHING", "");
    assertThat(new KubernetesSerialization().asJson(pod)).doesNotContain("s3cr3t-value");
  }

  @Test
  void secretKeyRefEnvIsDroppedUnlessTheProjectAllowsIt() {
    TestJobs.Job job =
        TestJobs.job("j")
            .ref("PASSWORD", "{\"secretKeyRef\":{\"name\":\"db\",\"key\":\"pw\"}}")
            .ref("MODE", "{\"configMapKeyRef\":{\"name\":\"cfg\",\"key\":\"mode\"}}");
    assertThat(envNames(main(pod(TestJobs.projectData(), job)))).containsExactly("MODE");
    Map<String, String> allowing = TestJobs.projectData();
    allowing.put("kubernetes.allowSecretKeyRef", "true");
    Container c = main(pod(allowing, job));
    assertThat(envNames(c)).containsExactly("PASSWORD", "MODE");
    assertThat(c.getEnv().get(0).getValueFrom().getSecretKeyRef().getName()).isEqualTo("db");
  }

  @Test
  void resourceRequestsAndLimitsGoToTheContainer() {
    TestJobs.Job job =
        TestJobs.job("j")
            .with(
                j -> {
                  j.requests = new Resources("100m", "");
                  j.limits = new Resources("1", "512Mi");
                });
    Container c = main(pod(TestJobs.projectData(), job));
    assertThat(c.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m")));
    assertThat(c.getResources().getLimits())
        .isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("512Mi")));
    assertThat(main(pod(TestJobs.projectData(), TestJobs.job("j"))).getResources()).isNull();
  }

  @Test
  void serviceAccountIsTheJobsElseTheBuildDefaultElseBrigadeWorker() {
    Pod plain = pod(TestJobs.projectData(), TestJobs.job("j"));
    assertThat(plain.getSpec().getServiceAccountName()).isEqualTo("brigade-worker");
    JobPodContext c = TestJobs.context(TestJobs.project(TestJobs.projectData()));
    JobPodContext withDefault =
        new JobPodContext(
            c.project(),
            c.buildId(),
            c.workerName(),
            c.namespace(),
            c.commit(),
            c.ref(),
            c.eventProvider(),
            c.eventType(),
            c.cloneUrl(),
            c.logLevel(),
            "project-sa",
            "",
            "");
    Pod defaulted = new JobPodFactory(withDefault, TestJobs.CLOCK).pod(TestJobs.job("j").spec());
    assertThat(defaulted.getSpec().getServiceAccountName()).isEqualTo("project-sa");
    Pod own =
        new JobPodFactory(withDefault, TestJobs.CLOCK)
            .pod(TestJobs.job("j").with(j -> j.serviceAccount = "mine").spec());
    assertThat(own.getSpec().getServiceAccountName()).isEqualTo("mine");
    assertThat(own.getSpec().getServiceAccount()).isEqualTo("mine");
  }

  @Test
  void argsWithoutTasksKeepTheImageEntrypointAndNeedNoMainScript() {
    JobPodFactory f = factory(TestJobs.projectData());
    JobSpec args = TestJobs.job("j").with(j -> j.args = List.of("--help")).spec();
    assertThat(main(f.pod(args)).getCommand()).isEmpty();
    assertThat(main(f.pod(args)).getArgs()).containsExactly("--help");
    assertThat(f.secret(args).getData()).doesNotContainKey("main.sh");
    JobSpec tasks = TestJobs.job("j").tasks("echo hi").spec();
    assertThat(main(f.pod(tasks)).getCommand()).containsExactly("/bin/sh", "/hook/main.sh");
    assertThat(main(f.pod(tasks)).getArgs()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "/bin/sh|#!/bin/sh\\n\\nset -e\\n\\necho a\\necho b",
        "/bin/bash|#!/bin/bash\\n\\nset -eo pipefail\\n\\necho a\\necho b",
        "/bin/dash|#!/bin/dash\\n\\necho a\\necho b"
      })
  void mainScriptFollowsTheShell(String shell, String expected) {
    JobSpec job = TestJobs.job("j").tasks("echo a", "echo b").with(j -> j.shell = shell).spec();
    JobPodFactory f = factory(TestJobs.projectData());
    assertThat(decoded(f.secret(job).getData().get("main.sh")))
        .isEqualTo(expected.replace("\\n", "\n"));
    assertThat(main(f.pod(job)).getCommand()).containsExactly(shell, "/hook/main.sh");
  }

  @Test
  void vcsInitContainerNeedsUseSourceACloneUrlAndASidecarImage() {
    assertThat(pod(withSidecar(), TestJobs.job("j")).getSpec().getInitContainers())
        .extracting(Container::getName)
        .containsExactly("vcs-sidecar");
    assertThat(pod(TestJobs.projectData(), TestJobs.job("j")).getSpec().getInitContainers())
        .isEmpty();
    assertThat(
            pod(withSidecar(), TestJobs.job("j").with(j -> j.useSource = false))
                .getSpec()
                .getInitContainers())
        .isEmpty();
    Map<String, String> noUrl = withSidecar();
    noUrl.remove("cloneURL");
    assertThat(pod(noUrl, TestJobs.job("j")).getSpec().getInitContainers()).isEmpty();
    assertThat(volumeNames(pod(noUrl, TestJobs.job("j")))).doesNotContain("vcs-sidecar");
  }

  @ParameterizedTest
  @CsvSource({"false,false,12", "true,false,14", "false,true,13", "true,true,15"})
  void sidecarEnvHasTwelveEntriesPlusSshKeyAndToken(boolean ssh, boolean token, int count) {
    Map<String, String> d = withSidecar();
    if (ssh) {
      d.put("sshKey", "KEY");
    }
    if (token) {
      d.put("github.token", "TOKEN");
    }
    Container init = pod(d, TestJobs.job("j")).getSpec().getInitContainers().get(0);
    assertThat(init.getEnv()).hasSize(count);
    assertThat(init.getEnv())
        .noneMatch(e -> "KEY".equals(e.getValue()) || "TOKEN".equals(e.getValue()));
  }

  @Test
  void checkoutIsMountedAtTheJobsMountPathAndClonedAtSrc() {
    Pod pod = pod(withSidecar(), TestJobs.job("j").with(j -> j.mountPath = "/workspace"));
    assertThat(main(pod).getVolumeMounts())
        .anyMatch(m -> m.getName().equals("vcs-sidecar") && m.getMountPath().equals("/workspace"));
    assertThat(pod.getSpec().getInitContainers().get(0).getVolumeMounts().get(0).getMountPath())
        .isEqualTo("/src");
  }

  @Test
  void cacheAndStorageVolumesUseTheV1ClaimNames() {
    TestJobs.Job job =
        TestJobs.job("j")
            .with(
                j -> {
                  j.cache = new Cache(true, "", "");
                  j.storage = new Storage(true, "");
                });
    Pod pod = pod(TestJobs.projectData(), job);
    assertThat(volumeNames(pod)).containsExactly(POD, "github-com-org-repo-j", "build-storage");
    assertThat(pod.getSpec().getVolumes().get(1).getPersistentVolumeClaim().getClaimName())
        .isEqualTo("github-com-org-repo-j");
    assertThat(pod.getSpec().getVolumes().get(2).getPersistentVolumeClaim().getClaimName())
        .isEqualTo(TestJobs.WORKER);
    assertThat(main(pod).getVolumeMounts())
        .extracting(VolumeMount::getMountPath)
        .containsExactly("/hook", "/mnt/brigade/cache", "/mnt/brigade/share");
  }

  @Test
  void dockerSocketIsMountedOnlyWhenTheProjectAllowsHostMounts() {
    TestJobs.Job job = TestJobs.job("j").with(j -> j.docker = true);
    assertThat(volumeNames(pod(TestJobs.projectData(), job))).doesNotContain("docker-socket");
    Map<String, String> allowing = TestJobs.projectData();
    allowing.put("allowHostMounts", "true");
    Pod pod = pod(allowing, job);
    assertThat(volumeNames(pod)).containsExactly(POD, "docker-socket");
    assertThat(pod.getSpec().getVolumes().get(1).getHostPath().getPath())
        .isEqualTo("/var/run/docker.sock");
  }

  @Test
  void hostPathVolumeWithoutAllowHostMountsIsRejectedWithTheV1Message() {
    TestJobs.Job job =
        TestJobs.job("j")
            .with(j -> j.volumes.add("{\"name\":\"h\",\"hostPath\":{\"path\":\"/etc\"}}"));
    assertThatThrownBy(() -> pod(TestJobs.projectData(), job))
        .isInstanceOf(JobPodSpecException.class)
        .hasMessage("allowHostMounts is false in this project, not mounting /etc");
  }

  @Test
  void volumeMountOfAnUndefinedVolumeIsRejectedWithTheV1Message() {
    TestJobs.Job job =
        TestJobs.job("j").with(j -> j.mounts.add("{\"name\":\"nope\",\"mountPath\":\"/x\"}"));
    assertThatThrownBy(() -> pod(TestJobs.projectData(), job))
        .isInstanceOf(JobPodSpecException.class)
        .hasMessage("volume nope referenced in volume mount is not defined");
  }

  @Test
  void privilegedIsHonouredUnlessTheProjectForbidsIt() {
    TestJobs.Job job = TestJobs.job("j").with(j -> j.privileged = true);
    assertThat(main(pod(TestJobs.projectData(), job)).getSecurityContext().getPrivileged())
        .isTrue();
    Map<String, String> forbidding = TestJobs.projectData();
    forbidding.put("allowPrivilegedJobs", "false");
    assertThat(main(pod(forbidding, job)).getSecurityContext()).isNotNull();
    assertThat(main(pod(forbidding, job)).getSecurityContext().getPrivileged()).isNull();
  }

  @Test
  void jobImagePullSecretsGoToThePod() {
    Pod pod =
        pod(
            TestJobs.projectData(),
            TestJobs.job("j").with(j -> j.pullSecrets.addAll(List.of("a", "b"))));
    assertThat(pod.getSpec().getImagePullSecrets())
        .containsExactly(new LocalObjectReference("a"), new LocalObjectReference("b"));
  }

  @Test
  void hostOsNameAndNodeSelectorPlaceThePod() {
    Pod pod =
        pod(
            TestJobs.projectData(),
            TestJobs.job("j").with(j -> j.host = new Host("windows", "n1", Map.of("gpu", "yes"))));
    assertThat(pod.getSpec().getNodeSelector())
        .isEqualTo(Map.of("beta.kubernetes.io/os", "windows", "gpu", "yes"));
    assertThat(pod.getSpec().getNodeName()).isEqualTo("n1");
    Pod plain = pod(TestJobs.projectData(), TestJobs.job("j"));
    assertThat(plain.getSpec().getNodeSelector()).isNullOrEmpty();
    assertThat(plain.getSpec().getNodeName()).isNull();
  }

  @Test
  void sidecarResourcesComeFromTheProjectAndForcePullAppliesToBothContainers() {
    Map<String, String> d = withSidecar();
    d.put("vcsSidecarResources.limits.memory", "64Mi");
    Pod pod = pod(d, TestJobs.job("j").with(j -> j.forcePull = true));
    Container init = pod.getSpec().getInitContainers().get(0);
    assertThat(init.getResources().getLimits()).isEqualTo(Map.of("memory", new Quantity("64Mi")));
    assertThat(init.getResources().getRequests()).isNullOrEmpty();
    assertThat(init.getImagePullPolicy()).isEqualTo("Always");
    assertThat(main(pod).getImagePullPolicy()).isEqualTo("Always");
  }

  @Test
  void buildCloneUrlOverridesTheProjectsForTheSidecar() {
    JobPodContext c = TestJobs.context(TestJobs.project(withSidecar()));
    JobPodContext override =
        new JobPodContext(
            c.project(),
            c.buildId(),
            c.workerName(),
            c.namespace(),
            c.commit(),
            c.ref(),
            c.eventProvider(),
            c.eventType(),
            "https://example.com/fork.git",
            "",
            "",
            "",
            "");
    Container init =
        new JobPodFactory(override, TestJobs.CLOCK)
            .pod(TestJobs.job("j").spec())
            .getSpec()
            .getInitContainers()
            .get(0);
    assertThat(init.getEnv())
        .contains(new EnvVar("BRIGADE_REMOTE_URL", "https://example.com/fork.git", null))
        .contains(new EnvVar("BRIGADE_LOG_LEVEL", "LOG", null));
  }

  @ParameterizedTest
  @CsvSource({"project-class,default-class,project-class", ",default-class,default-class", ",,"})
  void storageClassIsTheProjectsElseTheDefaultElseTheClusters(
      String project, String dflt, String expected) {
    Map<String, String> d = TestJobs.projectData();
    if (project != null) {
      d.put("kubernetes.cacheStorageClass", project);
      d.put("kubernetes.buildStorageClass", project);
    }
    JobPodContext c = TestJobs.context(TestJobs.project(d));
    JobPodContext ctx =
        new JobPodContext(
            c.project(),
            c.buildId(),
            c.workerName(),
            c.namespace(),
            c.commit(),
            c.ref(),
            c.eventProvider(),
            c.eventType(),
            c.cloneUrl(),
            c.logLevel(),
            "",
            dflt == null ? "" : dflt,
            dflt == null ? "" : dflt);
    JobPodFactory f = new JobPodFactory(ctx, TestJobs.CLOCK);
    JobSpec job = TestJobs.job("j").with(j -> j.cache = new Cache(true, "", "")).spec();
    assertThat(f.cachePvc(job).getSpec().getStorageClassName()).isEqualTo(expected);
    assertThat(f.buildPvc().getSpec().getStorageClassName()).isEqualTo(expected);
    assertThat(f.cachePvc(job).getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("5Mi"));
    assertThat(f.buildPvc().getSpec().getResources().getRequests().get("storage"))
        .isEqualTo(new Quantity("50Mi"));
    assertThat(f.buildPvc().getMetadata().getLabels())
        .containsEntry(BrigadeLabels.COMPONENT, "buildStorage");
  }
}
