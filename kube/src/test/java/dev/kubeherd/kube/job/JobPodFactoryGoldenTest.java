package dev.kubeherd.kube.job;

import static dev.kubeherd.kube.job.Goldens.assertMatches;

import dev.kubeherd.core.model.JobPodOptions.Cache;
import dev.kubeherd.core.model.JobPodOptions.Host;
import dev.kubeherd.core.model.JobPodOptions.Resources;
import dev.kubeherd.core.model.JobPodOptions.Storage;
import dev.kubeherd.core.model.JobSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factory's objects against hand-written fixtures of the v1 contract (golden/job/*.yaml). */
class JobPodFactoryGoldenTest {

  static Map<String, String> fullProject() {
    Map<String, String> d = TestJobs.projectData();
    d.put("vcsSidecar", "brigadecore/git-sidecar:v1.5.0");
    d.put("sshKey", "-----BEGIN KEY-----$abc$-----END KEY-----");
    d.put("sshCert", "cert");
    d.put("github.token", "ghp_secret");
    d.put("initGitSubmodules", "true");
    d.put("vcsSidecarResources.requests.cpu", "50m");
    d.put("vcsSidecarResources.requests.memory", "32Mi");
    d.put("vcsSidecarResources.limits.cpu", "200m");
    d.put("vcsSidecarResources.limits.memory", "128Mi");
    d.put("allowHostMounts", "true");
    d.put("kubernetes.allowSecretKeyRef", "true");
    d.put("kubernetes.cacheStorageClass", "nfs-cache");
    d.put("kubernetes.buildStorageClass", "nfs-build");
    d.put("buildStorageSize", "200Mi");
    return d;
  }

  static JobSpec fullJob() {
    return TestJobs.job("full")
        .with(
            j -> {
              j.image = "golang:1.22";
              j.forcePull = true;
              j.shell = "/bin/bash";
              j.tasks = List.of("make test");
              j.args = List.of("--verbose");
              j.mountPath = "/go/src/app";
              j.privileged = true;
              j.serviceAccount = "builder";
              j.requests = new Resources("500m", "256Mi");
              j.limits = new Resources("2", "1Gi");
              j.host = new Host("linux", "node-7", Map.of("disktype", "ssd"));
              j.cache = new Cache(true, "1Gi", "/root/.cache");
              j.storage = new Storage(true, "/shared");
              j.docker = true;
              j.annotations.put("example.com/owner", "team-a");
              j.pullSecrets.add("regcred");
              j.volumes.add("{\"name\":\"config\",\"configMap\":{\"name\":\"app-config\"}}");
              j.mounts.add("{\"name\":\"config\",\"mountPath\":\"/etc/app\"}");
            })
        .env("GOFLAGS", "-mod=vendor")
        .ref("POD_IP", "{\"fieldRef\":{\"fieldPath\":\"status.podIP\"}}")
        .ref("DB_PASSWORD", "{\"secretKeyRef\":{\"name\":\"db\",\"key\":\"password\"}}")
        .spec();
  }

  @Test
  void jobSecretHoldsEnvAndMainScriptWithJobLabelsAndExpiry() {
    JobSpec job =
        TestJobs.job("test-job")
            .tasks("echo hello", "ls /src")
            .env("FOO", "bar")
            .env("EMPTY", "")
            .spec();
    assertMatches(TestJobs.factory(TestJobs.projectData()).secret(job), "secret.yaml");
  }

  @Test
  void imageOnlyJobGivesTheMinimalPod() {
    JobSpec job = TestJobs.job("plain").spec();
    assertMatches(TestJobs.factory(TestJobs.projectData()).pod(job), "pod-minimal.yaml");
  }

  @Test
  void jobUsingEveryPropertyGivesTheFullPod() {
    assertMatches(TestJobs.factory(fullProject()).pod(fullJob()), "pod-full.yaml");
  }

  @Test
  void cachePvcMatchesTheContract() {
    assertMatches(TestJobs.factory(fullProject()).cachePvc(fullJob()), "cache-pvc.yaml");
  }

  @Test
  void buildPvcMatchesTheContract() {
    assertMatches(TestJobs.factory(fullProject()).buildPvc(), "build-pvc.yaml");
  }
}
