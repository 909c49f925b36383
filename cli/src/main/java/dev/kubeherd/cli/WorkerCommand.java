package dev.kubeherd.cli;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.kube.KubeClients;
import dev.kubeherd.worker.kube.KubeWorker;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubeherd worker}: the process of a worker pod. Runs the one build the controller named in
 * its environment ({@code BRIGADE_BUILD_ID}, {@code BRIGADE_PROJECT_ID}, ...), with jobs as pods,
 * and exits 0 when the build succeeded, 1 when it failed (the pod's phase is the build's status, as
 * in v1).
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Run the build named by the BRIGADE_* environment, as a worker pod does.")
public final class WorkerCommand implements Callable<Integer> {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "kubeconfig file (default: in-cluster, then $KUBECONFIG or ~/.kube/config).")
  String kubeconfig;

  @Option(
      names = "--scratch",
      paramLabel = "DIR",
      defaultValue = "${sys:java.io.tmpdir}/kubeherd-worker",
      description = "Scratch directory of the worker (default: ${DEFAULT-VALUE}).")
  Path scratch;

  @Spec CommandSpec spec;
  private final BrigApp app;

  public WorkerCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    try (KubernetesClient client =
        KubeClients.connect(Optional.ofNullable(kubeconfig), Optional.empty(), Optional.empty())) {
      BuildStatus status =
          new KubeWorker(client, app.clock()).run(app.env(), scratch, spec.commandLine().getOut());
      return status.phase() == BuildPhase.SUCCEEDED ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
