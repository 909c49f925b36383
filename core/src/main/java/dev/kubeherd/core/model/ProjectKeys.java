package dev.kubeherd.core.model;

/** The Brigade v1 project Secret data keys we read (see docs/COMPATIBILITY.md). */
public final class ProjectKeys {
  public static final String REPOSITORY = "repository";
  public static final String CLONE_URL = "cloneURL";
  public static final String SSH_KEY = "sshKey";
  public static final String SSH_CERT = "sshCert";
  public static final String GITHUB_TOKEN = "github.token";
  public static final String GITHUB_BASE_URL = "github.baseURL";
  public static final String SHARED_SECRET = "sharedSecret";
  public static final String GENERIC_GATEWAY_SECRET = "genericGatewaySecret";
  public static final String DEFAULT_SCRIPT = "defaultScript";
  public static final String DEFAULT_CONFIG = "defaultConfig";
  public static final String BRIGADEJS_PATH = "brigadejsPath";
  public static final String BRIGADE_CONFIG_PATH = "brigadeConfigPath";
  public static final String VCS_SIDECAR = "vcsSidecar";
  public static final String INIT_GIT_SUBMODULES = "initGitSubmodules";
  public static final String BUILD_STORAGE_SIZE = "buildStorageSize";
  public static final String BUILD_STORAGE_CLASS = "kubernetes.buildStorageClass";
  public static final String CACHE_STORAGE_CLASS = "kubernetes.cacheStorageClass";
  public static final String ALLOW_SECRET_KEY_REF = "kubernetes.allowSecretKeyRef";
  public static final String ALLOW_PRIVILEGED_JOBS = "allowPrivilegedJobs";
  public static final String ALLOW_HOST_MOUNTS = "allowHostMounts";
  public static final String SECRETS = "secrets";
  public static final String VCS_LIMITS_CPU = "vcsSidecarResources.limits.cpu";
  public static final String VCS_LIMITS_MEMORY = "vcsSidecarResources.limits.memory";
  public static final String VCS_REQUESTS_CPU = "vcsSidecarResources.requests.cpu";

  /** Ours: {@code pod} or {@code pool}, see {@link WorkerMode}. v1 tools ignore the key. */
  public static final String WORKER_MODE = "kubeherd.workerMode";

  /**
   * Ours: when set, the container-registry gateway ({@code /events/webhook/...}) requires {@code
   * ?token=<this value>}; absent or empty keeps v1's unauthenticated behaviour. v1 tools ignore it.
   */
  public static final String REGISTRY_GATEWAY_TOKEN = "kubeherd.registryGatewayToken";

  /**
   * Ours: how the gateway reports push and pull request builds to GitHub: {@code commit-status}
   * (default), {@code check-run} or {@code none} (nothing reported, deployments included).
   */
  public static final String GITHUB_STATUS = "kubeherd.githubStatus";

  /** Ours: the {@code environment_url} of deployment statuses when the deployment names none. */
  public static final String ENVIRONMENT_URL = "kubeherd.environmentURL";

  /**
   * Ours: how often {@code core.service.ResyncScheduler} fires a {@code resync} build for the
   * project at its last deployed revision ({@code 30m}, {@code 6h}, {@code 1d}, or ISO-8601 {@code
   * PT6H}); absent or empty: never. v1 tools ignore it.
   */
  public static final String RESYNC_INTERVAL = "kubeherd.resyncInterval";

  /**
   * Comma-separated keys of {@code secrets} that hold configuration, not secrets (e.g. {@code
   * ENV,CLUSTER,APP}): their values are not masked in logs. v1 tools ignore it.
   */
  public static final String PLAIN_SECRETS = "kubeherd.plainSecrets";

  public static final String VCS_REQUESTS_MEMORY = "vcsSidecarResources.requests.memory";

  private ProjectKeys() {}
}
