package dev.kubeherd.toolkit.deploy;

import java.util.Locale;

/** What sdf4k can deploy from a directory, in the order it runs them. */
public enum DeployKind {
  /** A helmfile ({@link HelmfileLocator#NAMES}): {@code helmfile sync}. */
  HELMFILE,
  /** {@code chart/Chart.yaml} (or {@code chart/chart.yaml}): {@code helm upgrade --install}. */
  CHART,
  /** {@code kustomization.yaml}: {@code kubectl apply -k}. */
  KUSTOMIZE,
  /** A {@code manifests/} directory of plain YAML: {@code kubectl apply -R -f manifests}. */
  MANIFESTS;

  /** The name {@code --only} takes: {@code helmfile}, {@code chart}, … */
  public String flagValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
