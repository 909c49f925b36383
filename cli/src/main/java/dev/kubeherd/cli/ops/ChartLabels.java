package dev.kubeherd.cli.ops;

import java.util.Map;

/**
 * The labels the kubeherd chart puts on its Deployments and Services ({@code kubeherd.labels} in
 * {@code charts/kubeherd/templates/_helpers.tpl}): whatever the release is called, {@code
 * app.kubernetes.io/part-of=kubeherd} and {@code app.kubernetes.io/component=<component>}.
 */
final class ChartLabels {
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String COMPONENT = "app.kubernetes.io/component";
  static final String KUBEHERD = "kubeherd";

  static final String CONTROLLER = "controller";
  static final String GATEWAY = "gateway";
  static final String WORKER_POOL = "worker-pool";

  private ChartLabels() {}

  /** The labels of one component's Deployment or Service. */
  static Map<String, String> of(String component) {
    return Map.of(PART_OF, KUBEHERD, COMPONENT, component);
  }

  /** The same labels as a kubectl selector, for messages: {@code part-of=…,component=…}. */
  static String selector(String component) {
    return PART_OF + "=" + KUBEHERD + "," + COMPONENT + "=" + component;
  }
}
