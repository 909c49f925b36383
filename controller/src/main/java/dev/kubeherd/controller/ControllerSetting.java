package dev.kubeherd.controller;

/**
 * Every controller setting, declared once: its flag (without the leading dash), the environment
 * variable read when the flag is absent, and the default. The Brigade v1 settings keep their v1
 * flag and env names; kubeherd's own use {@code KUBEHERD_*} (and the v1 vacuum's {@code VACUUM_*}).
 */
public enum ControllerSetting {
  KUBECONFIG("kubeconfig", "KUBECONFIG", ""),
  MASTER("master", "KUBERNETES_MASTER", ""),
  NAMESPACE("namespace", "BRIGADE_NAMESPACE", "default"),
  WORKER_IMAGE("worker-image", "BRIGADE_WORKER_IMAGE", "brigadecore/brigade-worker:latest"),
  WORKER_COMMAND("worker-command", "BRIGADE_WORKER_COMMAND", ""),
  /** Ours: the command when neither the controller nor the project sets one (v1: fixed). */
  WORKER_DEFAULT_COMMAND(
      "worker-default-command", "KUBEHERD_WORKER_DEFAULT_COMMAND", "yarn -s start"),
  WORKER_PULL_POLICY("worker-pull-policy", "BRIGADE_WORKER_PULL_POLICY", "IfNotPresent"),
  WORKER_SERVICE_ACCOUNT(
      "worker-service-account", "BRIGADE_WORKER_SERVICE_ACCOUNT", "brigade-worker"),
  PROJECT_SERVICE_ACCOUNT(
      "project-service-account", "BRIGADE_JOB_SERVICE_ACCOUNT", "brigade-worker"),
  /** Default: the effective {@link #PROJECT_SERVICE_ACCOUNT} (v1 had no env for it). */
  PROJECT_SERVICE_ACCOUNT_REGEX(
      "project-service-account-regex", "KUBEHERD_PROJECT_SERVICE_ACCOUNT_REGEX", null),
  WORKER_REQUESTS_CPU("worker-requests-cpu", "KUBEHERD_WORKER_REQUESTS_CPU", ""),
  WORKER_REQUESTS_MEMORY("worker-requests-memory", "KUBEHERD_WORKER_REQUESTS_MEMORY", ""),
  WORKER_LIMITS_CPU("worker-limits-cpu", "KUBEHERD_WORKER_LIMITS_CPU", ""),
  WORKER_LIMITS_MEMORY("worker-limits-memory", "KUBEHERD_WORKER_LIMITS_MEMORY", ""),
  DEFAULT_BUILD_STORAGE_CLASS(
      "default-build-storage-class", "BRIGADE_DEFAULT_BUILD_STORAGE_CLASS", ""),
  DEFAULT_CACHE_STORAGE_CLASS(
      "default-cache-storage-class", "BRIGADE_DEFAULT_CACHE_STORAGE_CLASS", ""),
  /**
   * Ours: how long a worker pod may wait on being scheduled (from its creation) or on an image it
   * cannot pull (from its scheduling) before its build fails and the pod is deleted; 0 = no limit,
   * as v1 ({@code InvalidImageName} still fails at once: it can never clear).
   */
  WORKER_START_TIMEOUT("worker-start-timeout", "KUBEHERD_WORKER_START_TIMEOUT", "10m"),
  /**
   * Ours: how long a worker may run before its build fails and the pod is deleted; 0 = no limit (v1
   * had none, and builds that run for hours must keep working after an upgrade).
   */
  WORKER_TIMEOUT("worker-timeout", "KUBEHERD_WORKER_TIMEOUT", "0"),
  /** Ours: builds running at once across all projects; 0 = no limit. */
  MAX_RUNNING_BUILDS("max-running-builds", "KUBEHERD_MAX_RUNNING_BUILDS", "10"),
  /** Ours: builds of one project running at once; 0 = no limit. */
  MAX_RUNNING_BUILDS_PER_PROJECT(
      "max-running-builds-per-project", "KUBEHERD_MAX_RUNNING_BUILDS_PER_PROJECT", "5"),
  /** Ours, named as the v1 vacuum: delete finished builds older than this; 0 = no age limit. */
  VACUUM_AGE("vacuum-age", "VACUUM_AGE", "720h"),
  /** Ours, named as the v1 vacuum: keep at most this many builds; -1 or 0 = no count limit. */
  VACUUM_MAX_BUILDS("vacuum-max-builds", "VACUUM_MAX_BUILDS", "-1"),
  /** Ours: how often the vacuum runs; 0 = never. */
  VACUUM_INTERVAL("vacuum-interval", "KUBEHERD_VACUUM_INTERVAL", "1h"),
  LEASE_NAME("lease-name", "KUBEHERD_LEASE_NAME", "kubeherd-controller"),
  /** Default: the {@link #NAMESPACE}. */
  LEASE_NAMESPACE("lease-namespace", "KUBEHERD_LEASE_NAMESPACE", null),
  /** Default: {@code HOSTNAME} (the pod name in a cluster), else a random name. */
  LEASE_IDENTITY("lease-identity", "KUBEHERD_LEASE_IDENTITY", null),
  LEASE_DURATION("lease-duration", "KUBEHERD_LEASE_DURATION", "15s"),
  LEASE_RENEW_DEADLINE("lease-renew-deadline", "KUBEHERD_LEASE_RENEW_DEADLINE", "10s"),
  LEASE_RETRY_PERIOD("lease-retry-period", "KUBEHERD_LEASE_RETRY_PERIOD", "2s"),
  /** Ours: how workers run unless a project says otherwise: {@code pod} or {@code pool}. */
  WORKER_MODE("worker-mode", "KUBEHERD_WORKER_MODE", "pod"),
  /** Ours: the port of the Prometheus endpoint ({@code GET /metrics}); 0 switches it off. */
  METRICS_PORT("metrics-port", "KUBEHERD_METRICS_PORT", "0");

  private final String flag;
  private final String env;
  private final String defaultValue;

  ControllerSetting(String flag, String env, String defaultValue) {
    this.flag = flag;
    this.env = env;
    this.defaultValue = defaultValue;
  }

  /** The flag name without the leading dash, e.g. {@code worker-image}. */
  public String flag() {
    return flag;
  }

  public String env() {
    return env;
  }

  /** The default, or {@code null} when it is derived from another setting. */
  public String defaultValue() {
    return defaultValue;
  }

  /** How messages name the setting: {@code -worker-image (BRIGADE_WORKER_IMAGE)}. */
  public String describe() {
    return "-" + flag + " (" + env + ")";
  }
}
