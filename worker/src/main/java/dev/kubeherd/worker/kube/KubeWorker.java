package dev.kubeherd.worker.kube;

import dev.kubeherd.core.BuildNotFoundException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.kube.store.SecretBuildStore;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.worker.run.BuildWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The composition of a worker pod: the build and project Secrets of the pod's namespace, logs in
 * ConfigMaps (and the worker log on standard output too, for {@code kubectl logs} and brig v1),
 * jobs as pods, the checkout in the workspace. Runs the build named by the environment to its end;
 * a build that has ended already (cancelled while its pod waited for an image or a node) is not run
 * at all.
 */
public final class KubeWorker {
  private final KubernetesClient client;
  private final Clock clock;

  public KubeWorker(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public BuildStatus run(Map<String, String> environment, Path scratch, PrintWriter stdout) {
    WorkerEnv env = WorkerEnv.from(environment);
    SecretBuildStore builds = new SecretBuildStore(client, env.namespace(), clock);
    try (ConfigMapLogStore logs = new ConfigMapLogStore(client, env.namespace(), clock);
        PodBuildJobs jobs = PodBuildJobs.forBuild(client, env.jobPods(), clock, env.buildId())) {
      Build build =
          builds
              .find(env.buildId())
              .orElseThrow(
                  () ->
                      new BuildNotFoundException(
                          "build "
                              + env.buildId()
                              + " not found in namespace "
                              + env.namespace()
                              + "; it was deleted before its worker started"));
      if (build.status().phase().isTerminal()) {
        stdout.println(
            "[brigade] build "
                + build.id()
                + " ended ("
                + build.status().phase().display()
                + (build.status().message().isEmpty() ? "" : ": " + build.status().message())
                + ") before its worker started; nothing to run");
        stdout.flush();
        return build.status();
      }
      BuildWorker worker =
          new BuildWorker(
              new SecretProjectStore(client, env.namespace()),
              builds,
              new WorkerLogTee(logs, stdout),
              jobs,
              PodWorkspaces.inPod(env.workspace(), scratch),
              clock);
      return worker.run(build);
    }
  }
}
