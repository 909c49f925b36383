package dev.kubeherd.kube;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.util.List;
import java.util.Optional;

/**
 * Builds the one {@link KubernetesClient} of a process from the usual places, as kubectl does: an
 * explicit kubeconfig file and context, else {@code $KUBECONFIG} / {@code ~/.kube/config}, else the
 * in-cluster service account; an explicit API server URL wins over all of them. A context that none
 * of the kubeconfig files names, or a file that is not valid YAML, is an error (never a silent
 * fall-back to the current context).
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

  /**
   * The kubeconfig files the client reads when none is given ({@code $KUBECONFIG} or {@code
   * -Dkubeconfig}, else {@code ~/.kube/config}) and that do not exist; empty when one of them
   * exists.
   */
  public static List<String> missingKubeconfigs() {
    List<String> candidates = List.copyOf(Config.getKubeconfigFilenames());
    return KubeconfigFiles.existing(candidates).isEmpty() ? candidates : List.of();
  }

  static Config config(Optional<String> kubeconfig, Optional<String> context) {
    // the client's own list ($KUBECONFIG or -Dkubeconfig, else $HOME/.kube/config), so the check
    // below reads exactly the files Config.autoConfigure will
    return config(kubeconfig, context, List.copyOf(Config.getKubeconfigFilenames()));
  }

  /**
   * @param candidates the kubeconfig files the client would read when {@code kubeconfig} is empty;
   *     those that do not exist are skipped, as the client does
   */
  static Config config(
      Optional<String> kubeconfig, Optional<String> context, List<String> candidates) {
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
      checkContext(ctx, List.of(file), candidates);
      return Config.fromKubeconfig(ctx, file);
    }
    checkContext(ctx, KubeconfigFiles.existing(candidates), candidates);
    return Config.autoConfigure(ctx);
  }

  /** Fails when a file is not valid YAML, or when {@code ctx} is set and no file names it. */
  private static void checkContext(String ctx, List<File> files, List<String> candidates) {
    List<NamedContext> contexts = KubeconfigFiles.contexts(files);
    if (ctx == null) {
      return;
    }
    if (files.isEmpty()) {
      throw new KubeConfigException(
          "context \""
              + ctx
              + "\" does not exist: no kubeconfig found"
              + missing(candidates)
              + "; pass one with --kubeconfig or leave out --kube-context");
    }
    List<String> names = contexts.stream().map(NamedContext::getName).distinct().toList();
    if (!names.contains(ctx)) {
      throw new KubeConfigException(
          "context \""
              + ctx
              + "\" does not exist in "
              + String.join(", ", files.stream().map(File::getPath).toList())
              + "; contexts: "
              + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
  }

  private static String missing(List<String> candidates) {
    if (candidates.isEmpty()) {
      return "";
    }
    return " ("
        + String.join(", ", candidates)
        + (candidates.size() == 1 ? " does" : " do")
        + " not exist)";
  }
}
