package dev.kubeherd.cli.kube;

import dev.kubeherd.testsupport.kube.PodOutcome;
import dev.kubeherd.testsupport.kube.PodRunner;
import dev.kubeherd.testsupport.kube.SimulatedPod;
import dev.kubeherd.toolkit.git.GitAccessException;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.git.GitSource;
import dev.kubeherd.toolkit.git.HostKeys;
import dev.kubeherd.toolkit.git.SshDeployKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Plays the {@code vcs-sidecar} init container (brigadecore/git-sidecar) for {@link
 * dev.kubeherd.testsupport.kube.PodSimulator}: clones {@code BRIGADE_REMOTE_URL} at {@code
 * BRIGADE_COMMIT_REF} (else {@code BRIGADE_COMMIT_ID}) into the volume mounted at {@code
 * BRIGADE_WORKSPACE}, over SSH with the deploy key of {@code BRIGADE_REPO_KEY} (the project
 * Secret's {@code sshKey}, resolved as the kubelet would) and strict host key checking. {@code
 * hosts} plays DNS: it maps {@code git@github.com:org/repo.git} to the test's SSH server.
 */
final class GitSidecarRunner implements PodRunner {
  private final UnaryOperator<String> hosts;
  private final Path knownHosts;
  private final Path scratch;

  GitSidecarRunner(UnaryOperator<String> hosts, Path knownHosts, Path scratch) {
    this.hosts = hosts;
    this.knownHosts = knownHosts;
    this.scratch = scratch;
  }

  @Override
  public PodOutcome run(SimulatedPod pod) throws Exception {
    String key = pod.env().getOrDefault("BRIGADE_REPO_KEY", "");
    String ref = pod.env().getOrDefault("BRIGADE_COMMIT_REF", "");
    String revision = ref.isEmpty() ? pod.env().getOrDefault("BRIGADE_COMMIT_ID", "") : ref;
    String url = hosts.apply(pod.env().get("BRIGADE_REMOTE_URL"));
    Path dir = pod.mount(pod.env().get("BRIGADE_WORKSPACE")).orElseThrow();
    StringBuilder log = new StringBuilder();
    GitAuth auth =
        key.isEmpty()
            ? GitAuth.none()
            : GitAuth.sshKey(SshDeployKey.of(key, "BRIGADE_REPO_KEY"), HostKeys.strict(knownHosts));
    try {
      new GitCheckouts(Files.createDirectories(scratch), line -> log.append(line).append('\n'))
          .checkout(GitSource.of(url, revision, auth), dir);
      return PodOutcome.succeeded(log.toString());
    } catch (GitAccessException e) {
      return new PodOutcome(1, log + e.getMessage() + "\n");
    }
  }
}
