package dev.kubeherd.testsupport.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.Map;

/**
 * What a Brigade v1 controller leaves for a build it accepted (contract §2.3, §2.6): the build
 * Secret labelled {@code status=accepted}, with no kubeherd status, and its worker pod, whose phase
 * and times are the build's.
 */
public final class V1Builds {
  /** A project ID and a build ID as brig v1 made them, for tests that need any such pair. */
  public static final String PROJECT =
      "brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00";

  public static final String BUILD = "01ckcc06200kqdvkdp3nc65bap";

  /** When {@link #endedWorkerPod} started and ended. */
  public static final String STARTED = "2020-05-01T10:00:00Z";

  public static final String FINISHED = "2020-05-01T10:03:00Z";

  private V1Builds() {}

  /** {@code brigade-worker-<build>}: the name of the build's Secret and of its worker pod. */
  public static String workerName(String build) {
    return "brigade-worker-" + build;
  }

  /** The labels of a v1 build's Secret and worker pod. */
  public static Map<String, String> labels(String project, String build) {
    return Map.of("heritage", "brigade", "component", "build", "project", project, "build", build);
  }

  /** A {@code brig run} build Secret ({@code exec}, {@code brigade-cli}) a v1 controller took. */
  public static Secret acceptedBuildSecret(String project, String build) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(workerName(build))
        .addToLabels(labels(project, build))
        .addToLabels("status", "accepted")
        .endMetadata()
        .withType("brigade.sh/build")
        .addToStringData("event_type", "exec")
        .addToStringData("event_provider", "brigade-cli")
        .addToStringData("project_id", project)
        .addToStringData("build_name", workerName(build))
        .build();
  }

  /**
   * The v1 worker pod of {@code build} ended in {@code phase} ({@code Failed}: exit 1, else 0),
   * started at {@link #STARTED} and finished at {@link #FINISHED}.
   */
  public static Pod endedWorkerPod(String project, String build, String phase) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(workerName(build))
        .addToLabels(labels(project, build))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("brigade-runner")
        .withImage("brigadecore/brigade-worker:v1.5.0")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .withStartTime(STARTED)
        .addNewContainerStatus()
        .withName("brigade-runner")
        .withNewState()
        .withNewTerminated()
        .withExitCode("Failed".equals(phase) ? 1 : 0)
        .withFinishedAt(FINISHED)
        .endTerminated()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }
}
