package dev.kubeherd.cli;

import java.time.Clock;
import java.util.Map;

/** Kubernetes mode: the project and build Secrets of a namespace, reached with a kubeconfig. */
final class KubeBackend {
  private KubeBackend() {}

  static Backend connect(GlobalOptions options, Map<String, String> env, Clock clock) {
    throw new CliException(
        "Kubernetes mode is not available yet; pass --local (or set "
            + GlobalOptions.MODE_ENV
            + "=local) to use the local project and build stores in $KUBEHERD_HOME"
            + " (default ~/.kubeherd)");
  }
}
