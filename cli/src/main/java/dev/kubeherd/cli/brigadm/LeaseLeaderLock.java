package dev.kubeherd.cli.brigadm;

import dev.kubeherd.controller.LeaderElection;
import dev.kubeherd.controller.LeaseConfig;
import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.bootstrap.LeaderLock;
import dev.kubeherd.toolkit.pipeline.PipelineInstaller;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link LeaderLock} on a Kubernetes Lease, with the controller's {@link LeaderElection}: stands
 * for election, runs the work once leading, then releases the Lease so the next bootstrap takes it.
 */
final class LeaseLeaderLock implements LeaderLock {
  private final KubernetesClient client;
  private final LeaseConfig lease;
  private final Duration timeout;

  LeaseLeaderLock(KubernetesClient client, LeaseConfig lease, Duration timeout) {
    this.client = client;
    this.lease = lease;
    this.timeout = timeout;
  }

  @Override
  public void runLeading(Work work) throws InterruptedException {
    PipelineInstaller.ensureNamespace(client, lease.namespace()); // the Lease lives there
    CountDownLatch leading = new CountDownLatch(1);
    try (LeaderElection election =
        new LeaderElection(client, lease, leading::countDown, () -> {})) {
      election.start();
      if (!leading.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ToolkitException(
            ToolkitExitCodes.REMOTE_FAILED,
            "did not win the Lease "
                + lease.namespace()
                + "/"
                + lease.name()
                + " within "
                + timeout.toSeconds()
                + "s (held by "
                + election.leader().orElse("nobody known")
                + "); another bootstrap may be stuck: delete the Lease or pass a longer"
                + " --lease-timeout");
      }
      work.run();
    }
  }
}
