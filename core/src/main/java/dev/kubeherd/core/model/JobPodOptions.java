package dev.kubeherd.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a job needs beyond {@link JobSpec} to run as a Kubernetes pod: the brigadier {@code Job}
 * properties of Brigade v1 that only mean something to a pod (service account, resources, node
 * placement, cache and build storage volumes, docker socket, annotations, pull secrets, env
 * references, extra volumes). Local executors ignore them.
 *
 * <p>Project gating has already happened when a record is built ({@code docker} is false unless the
 * project allows host mounts; {@code envReferences} holds only references the project allows).
 * Kubernetes objects the script wrote verbatim ({@code valueFrom} objects, {@code volumes}, {@code
 * volumeMounts}) are kept as JSON text so core stays free of a Kubernetes model.
 *
 * @param useSource whether the job wants the checkout (a VCS init container) at its mount path
 * @param serviceAccount the job's own service account, or {@code ""} for the build default
 * @param requests container resource requests
 * @param limits container resource limits
 * @param host node placement
 * @param cache the per-project, per-job cache volume
 * @param storage the build's shared storage volume
 * @param docker mount the host's docker socket (already gated by the project)
 * @param annotations pod annotations
 * @param imagePullSecrets names of pod image pull secrets
 * @param streamLogs copy the job's output into the build log while it runs
 * @param envReferences env name to its {@code valueFrom} object as JSON, in script order
 * @param volumesJson extra pod volumes, each a JSON object
 * @param volumeMountsJson extra container volume mounts, each a JSON object
 */
public record JobPodOptions(
    boolean useSource,
    String serviceAccount,
    Resources requests,
    Resources limits,
    Host host,
    Cache cache,
    Storage storage,
    boolean docker,
    Map<String, String> annotations,
    List<String> imagePullSecrets,
    boolean streamLogs,
    Map<String, String> envReferences,
    List<String> volumesJson,
    List<String> volumeMountsJson) {

  /** v1 defaults: source, cache {@code 5Mi} at {@code /mnt/brigade/cache}, nothing else. */
  public static final JobPodOptions DEFAULTS =
      new JobPodOptions(
          true,
          "",
          Resources.NONE,
          Resources.NONE,
          Host.ANY,
          Cache.DISABLED,
          Storage.DISABLED,
          false,
          Map.of(),
          List.of(),
          false,
          Map.of(),
          List.of(),
          List.of());

  public JobPodOptions {
    serviceAccount = serviceAccount == null ? "" : serviceAccount;
    requests = requests == null ? Resources.NONE : requests;
    limits = limits == null ? Resources.NONE : limits;
    host = host == null ? Host.ANY : host;
    cache = cache == null ? Cache.DISABLED : cache;
    storage = storage == null ? Storage.DISABLED : storage;
    annotations = ordered(annotations);
    imagePullSecrets = List.copyOf(imagePullSecrets);
    envReferences = ordered(envReferences);
    volumesJson = List.copyOf(volumesJson);
    volumeMountsJson = List.copyOf(volumeMountsJson);
  }

  static <V> Map<String, V> ordered(Map<String, V> map) {
    return map == null || map.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** A container's cpu and memory quantities; {@code ""} means not set. */
  public record Resources(String cpu, String memory) {
    public static final Resources NONE = new Resources("", "");

    public Resources {
      cpu = cpu == null ? "" : cpu;
      memory = memory == null ? "" : memory;
    }

    public boolean isEmpty() {
      return cpu.isEmpty() && memory.isEmpty();
    }
  }

  /**
   * Node placement: {@code os} becomes the {@code beta.kubernetes.io/os} node selector, {@code
   * name} the pod's node name ({@code ""} = not set); {@code nodeSelector} is merged in.
   */
  public record Host(String os, String name, Map<String, String> nodeSelector) {
    public static final Host ANY = new Host("", "", Map.of());

    public Host {
      os = os == null ? "" : os;
      name = name == null ? "" : name;
      nodeSelector = ordered(nodeSelector);
    }
  }

  /** The job cache PVC: created at {@code size} on first use, mounted at {@code path}. */
  public record Cache(boolean enabled, String size, String path) {
    public static final String DEFAULT_SIZE = "5Mi";
    public static final String DEFAULT_PATH = "/mnt/brigade/cache";
    public static final Cache DISABLED = new Cache(false, DEFAULT_SIZE, DEFAULT_PATH);

    public Cache {
      size = size == null || size.isEmpty() ? DEFAULT_SIZE : size;
      path = path == null || path.isEmpty() ? DEFAULT_PATH : path;
    }
  }

  /** The build's shared storage PVC, mounted at {@code path}. */
  public record Storage(boolean enabled, String path) {
    public static final String DEFAULT_PATH = "/mnt/brigade/share";
    public static final Storage DISABLED = new Storage(false, DEFAULT_PATH);

    public Storage {
      path = path == null || path.isEmpty() ? DEFAULT_PATH : path;
    }
  }
}
