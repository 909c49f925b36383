package dev.kubeherd.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.Optional;

/**
 * Builds the one {@link KubernetesClient} of a process from the usual places, as kubectl does: an
 * explicit kubeconfig file and context, else {@code $KUBECONFIG} / {@code ~/.kube/config}, else the
 * in-cluster service account; an explicit API server URL wins over all of them.
 */
public final class KubeClients {
  private KubeClients() {}

  /**
   * @param kubeconfig a kubeconfig file; empty = the client's discovery
   * @param context a kubeconfig context; empty = the current one
   * @param master an API server URL; empty = from the kubeconfig or in-cluster
   */
  public static KubernetesClient connect(
      Optional<String> kubeconfig, Optional<String> context, Optional<String> master) {
    ConfigBuilder config = new ConfigBuilder(config(kubeconfig, context));
    if (master.isPresent() && !master.get().isBlank()) {
      config.withMasterUrl(master.get());
    }
    // our stores and executors retry with their own bounded backoff; two layers would multiply
    config.withRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  static Config config(Optional<String> kubeconfig, Optional<String> context) {
    String ctx = context.filter(c -> !c.isBlank()).orElse(null);
    if (kubeconfig.isPresent() && !kubeconfig.get().isBlank()) {
      File file = new File(kubeconfig.get());
      if (!file.isFile()) {
        throw new KubeConfigException(
            "kubeconfig "
                + file
                + " does not exist; pass an existing file with --kubeconfig, or leave it out to"
                + " use $KUBECONFIG or ~/.kube/config");
      }
      return Config.fromKubeconfig(ctx, file);
    }
    return Config.autoConfigure(ctx);
  }
}
