package dev.kubeherd.kube;

import dev.kubeherd.core.KubeherdException;

/** The cluster connection cannot be configured (no kubeconfig file, unknown context). */
public class KubeConfigException extends KubeherdException {
  public KubeConfigException(String message) {
    super(message);
  }
}
