package dev.kubeherd.cli.brigadm;

import dev.kubeherd.cli.BrigApp;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --kubeconfig} and {@code --kube-context} of the toolkit's cluster commands. */
public final class KubeOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "kubeconfig file (default: $KUBECONFIG, ~/.kube/config, else in-cluster).")
  String kubeconfig;

  @Option(names = "--kube-context", paramLabel = "CONTEXT", description = "kubeconfig context.")
  String context;

  /** The client these options name (a test's mock server client when the app has one). */
  public KubernetesClient client(BrigApp app) {
    return app.kubeClient(Optional.ofNullable(kubeconfig), Optional.ofNullable(context));
  }
}
