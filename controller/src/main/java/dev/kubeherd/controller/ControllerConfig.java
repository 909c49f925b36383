package dev.kubeherd.controller;

import dev.kubeherd.controller.WorkerPodConfig.WorkerResources;
import dev.kubeherd.core.model.WorkerMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every controller setting, typed and validated once at start ({@link ControllerSetting} declares
 * names and defaults). A flag wins over its environment variable, which wins over the default.
 *
 * @param kubeconfig path to a kubeconfig; empty = in-cluster (or the client's own discovery)
 * @param master API server URL; empty = from the kubeconfig / in-cluster
 * @param namespace where build and project Secrets, worker pods and the Lease live
 * @param workerTimeouts how long a worker pod may take to start and to run
 * @param vacuum what the vacuum deletes; empty when it is switched off ({@code vacuumInterval} 0)
 * @param metricsPort the Prometheus endpoint's port; 0 = no endpoint
 */
public record ControllerConfig(
    String kubeconfig,
    String master,
    String namespace,
    WorkerPodConfig worker,
    WorkerPodTimeouts workerTimeouts,
    AdmissionLimits limits,
    Optional<VacuumPolicy> vacuum,
    Duration vacuumInterval,
    LeaseConfig lease,
    WorkerMode workerMode,
    int metricsPort) {

  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

  public ControllerConfig {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(worker, "worker");
    Objects.requireNonNull(workerTimeouts, "workerTimeouts");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(vacuum, "vacuum");
    Objects.requireNonNull(vacuumInterval, "vacuumInterval");
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(workerMode, "workerMode");
  }

  /** Settings from the environment only (tests pass a map). */
  public static ControllerConfig fromEnv(Map<String, String> env) {
    return parse(Map.of(), env);
  }

  /**
   * @param flags flag name (without dashes) to value
   * @param env the process environment
   * @throws InvalidControllerConfigException listing every unusable setting and how to fix it
   */
  public static ControllerConfig parse(Map<String, String> flags, Map<String, String> env) {
    Settings s = new Settings(flags, env);
    for (String flag : flags.keySet()) {
      if (Arrays.stream(ControllerSetting.values()).noneMatch(c -> c.flag().equals(flag))) {
        s.problem("-" + flag + " is not a controller flag; remove it");
      }
    }
    String namespace = s.required(ControllerSetting.NAMESPACE);
    String projectSa = s.string(ControllerSetting.PROJECT_SERVICE_ACCOUNT);
    String regex = s.raw(ControllerSetting.PROJECT_SERVICE_ACCOUNT_REGEX).orElse(projectSa);
    s.check(ControllerSetting.PROJECT_SERVICE_ACCOUNT_REGEX, regex, Settings::compiles);
    WorkerPodConfig worker =
        new WorkerPodConfig(
            s.required(ControllerSetting.WORKER_IMAGE),
            s.string(ControllerSetting.WORKER_COMMAND),
            s.required(ControllerSetting.WORKER_DEFAULT_COMMAND),
            s.oneOf(ControllerSetting.WORKER_PULL_POLICY, PULL_POLICIES),
            s.required(ControllerSetting.WORKER_SERVICE_ACCOUNT),
            projectSa,
            regex,
            new WorkerResources(
                s.quantity(ControllerSetting.WORKER_REQUESTS_CPU),
                s.quantity(ControllerSetting.WORKER_REQUESTS_MEMORY),
                s.quantity(ControllerSetting.WORKER_LIMITS_CPU),
                s.quantity(ControllerSetting.WORKER_LIMITS_MEMORY)),
            s.string(ControllerSetting.DEFAULT_BUILD_STORAGE_CLASS),
            s.string(ControllerSetting.DEFAULT_CACHE_STORAGE_CLASS));
    WorkerPodTimeouts timeouts =
        new WorkerPodTimeouts(
            s.duration(ControllerSetting.WORKER_START_TIMEOUT),
            WorkerPodTimeouts.DEFAULT.startGrace(),
            s.duration(ControllerSetting.WORKER_TIMEOUT));
    AdmissionLimits limits =
        new AdmissionLimits(
            s.count(ControllerSetting.MAX_RUNNING_BUILDS),
            s.count(ControllerSetting.MAX_RUNNING_BUILDS_PER_PROJECT));
    Duration interval = s.duration(ControllerSetting.VACUUM_INTERVAL);
    Optional<VacuumPolicy> vacuum = vacuum(s, interval);
    LeaseConfig lease = lease(s, namespace, env);
    WorkerMode mode =
        WorkerMode.parse(s.string(ControllerSetting.WORKER_MODE)).orElse(WorkerMode.POD);
    s.check(
        ControllerSetting.WORKER_MODE,
        s.string(ControllerSetting.WORKER_MODE),
        v -> WorkerMode.parse(v).isPresent() ? null : "must be pod or pool");
    int metricsPort = s.integer(ControllerSetting.METRICS_PORT);
    s.check(
        ControllerSetting.METRICS_PORT,
        String.valueOf(metricsPort),
        v -> metricsPort >= 0 && metricsPort <= 65535 ? null : "must be a port, or 0 for none");
    s.throwIfAny();
    return new ControllerConfig(
        s.string(ControllerSetting.KUBECONFIG),
        s.string(ControllerSetting.MASTER),
        namespace,
        worker,
        timeouts,
        limits,
        vacuum,
        interval,
        lease,
        mode,
        metricsPort);
  }

  private static Optional<VacuumPolicy> vacuum(Settings s, Duration interval) {
    Duration age = s.duration(ControllerSetting.VACUUM_AGE);
    int max = s.integer(ControllerSetting.VACUUM_MAX_BUILDS);
    if (interval.isZero()) {
      return Optional.empty();
    }
    if (age.isZero() && max <= 0) {
      s.problem(
          "the vacuum has no limit: set "
              + ControllerSetting.VACUUM_AGE.describe()
              + " above zero (e.g. 720h) or "
              + ControllerSetting.VACUUM_MAX_BUILDS.describe()
              + " above zero, or switch the vacuum off with "
              + ControllerSetting.VACUUM_INTERVAL.describe()
              + "=0");
      return Optional.empty();
    }
    return Optional.of(new VacuumPolicy(age, max));
  }

  private static LeaseConfig lease(Settings s, String namespace, Map<String, String> env) {
    String identity =
        s.raw(ControllerSetting.LEASE_IDENTITY)
            .or(() -> Optional.ofNullable(env.get("HOSTNAME")).filter(h -> !h.isBlank()))
            .orElseGet(() -> "kubeherd-controller-" + UUID.randomUUID());
    Duration duration = s.positiveDuration(ControllerSetting.LEASE_DURATION);
    Duration renew = s.positiveDuration(ControllerSetting.LEASE_RENEW_DEADLINE);
    Duration retry = s.positiveDuration(ControllerSetting.LEASE_RETRY_PERIOD);
    if (duration.compareTo(renew) <= 0 || renew.compareTo(retry) <= 0) {
      s.problem(
          "lease timings must satisfy "
              + ControllerSetting.LEASE_DURATION.describe()
              + " > "
              + ControllerSetting.LEASE_RENEW_DEADLINE.describe()
              + " > "
              + ControllerSetting.LEASE_RETRY_PERIOD.describe()
              + ", were "
              + duration
              + ", "
              + renew
              + ", "
              + retry);
    }
    return new LeaseConfig(
        s.raw(ControllerSetting.LEASE_NAMESPACE).orElse(namespace),
        s.required(ControllerSetting.LEASE_NAME),
        identity,
        duration,
        renew,
        retry);
  }

  /** Reads settings, collecting every problem instead of stopping at the first. */
  private static final class Settings {
    private final Map<String, String> flags;
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Settings(Map<String, String> flags, Map<String, String> env) {
      this.flags = flags;
      this.env = env;
    }

    /** The flag, else the env var, else nothing; blank counts as unset. */
    Optional<String> raw(ControllerSetting c) {
      return Optional.ofNullable(flags.get(c.flag()))
          .or(() -> Optional.ofNullable(env.get(c.env())))
          .map(String::trim)
          .filter(v -> !v.isEmpty());
    }

    String string(ControllerSetting c) {
      return raw(c).orElse(Objects.requireNonNullElse(c.defaultValue(), ""));
    }

    String required(ControllerSetting c) {
      String v = string(c);
      if (v.isEmpty()) {
        problem(c.describe() + " must not be empty; unset it to use the default");
      }
      return v;
    }

    String oneOf(ControllerSetting c, Set<String> allowed) {
      String v = string(c);
      check(c, v, x -> allowed.contains(x) ? null : "must be one of " + allowed);
      return v;
    }

    String quantity(ControllerSetting c) {
      String v = string(c);
      check(c, v, x -> x.isEmpty() || Quantities.parse(x).isPresent() ? null : QTY_HINT);
      return v;
    }

    int integer(ControllerSetting c) {
      String v = string(c);
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        problem(c.describe() + "=" + v + " is not a whole number; set a number like 10");
        return 0;
      }
    }

    int count(ControllerSetting c) {
      int n = integer(c);
      if (n < 0) {
        problem(c.describe() + "=" + n + " is negative; set 0 (no limit) or a positive number");
        return 0;
      }
      return n;
    }

    Duration duration(ControllerSetting c) {
      String v = string(c);
      try {
        Duration d = Durations.parse(v);
        if (d.isNegative()) {
          problem(c.describe() + "=" + v + " is negative; set 0 or a positive duration");
          return Duration.ZERO;
        }
        return d;
      } catch (IllegalArgumentException e) {
        problem(c.describe() + ": " + e.getMessage());
        return Duration.ZERO;
      }
    }

    Duration positiveDuration(ControllerSetting c) {
      Duration d = duration(c);
      if (d.isZero()) {
        problem(c.describe() + " must be greater than zero, e.g. " + c.defaultValue());
        return Duration.parse("PT" + c.defaultValue().toUpperCase(Locale.ROOT));
      }
      return d;
    }

    void check(ControllerSetting c, String value, Function<String, String> f) {
      String why = f.apply(value);
      if (why != null) {
        problem(c.describe() + "=" + value + " " + why);
      }
    }

    static String compiles(String regex) {
      try {
        Pattern.compile(regex);
        return null;
      } catch (PatternSyntaxException e) {
        return "is not a valid regular expression (" + e.getDescription() + "); fix or unset it";
      }
    }

    void problem(String p) {
      problems.add(p);
    }

    void throwIfAny() {
      if (!problems.isEmpty()) {
        throw new InvalidControllerConfigException(problems);
      }
    }

    private static final String QTY_HINT =
        "is not a Kubernetes quantity; write it like 500m or 2 (cpu), 512Mi or 1Gi (memory)";
  }
}
