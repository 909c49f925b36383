package dev.kubeherd.cli;

import dev.kubeherd.controller.ControllerApp;
import dev.kubeherd.controller.ControllerConfig;
import dev.kubeherd.controller.ControllerMetrics;
import dev.kubeherd.controller.ControllerSetting;
import dev.kubeherd.controller.InvalidControllerConfigException;
import dev.kubeherd.core.metrics.MetricsEndpoint;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.kube.KubeClients;
import dev.kubeherd.kube.store.ConfigMapLogStore;
import dev.kubeherd.kube.store.SecretBuildFeed;
import dev.kubeherd.kube.store.SecretBuildStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code kubeherd controller}: turns build Secrets into worker pods until stopped. Takes Brigade
 * v1's controller flags ({@code -worker-image X}, {@code --worker-image=X}) and our own; every
 * setting also has an environment variable (see {@code --help}).
 */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    description = "Run the controller: build Secrets become worker pods, within the limits.",
    footerHeading = "%nSettings (-name value or --name=value; else the environment variable):%n")
public final class ControllerCommand implements Callable<Integer>, LongRunning {
  /** How long the shutdown hook waits for the app to close. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(20);

  @Unmatched List<String> settings = new ArrayList<>();
  @Spec CommandSpec spec;
  private final BrigApp app;

  public ControllerCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() throws Exception {
    ControllerConfig config;
    try {
      config = ControllerConfig.parse(flags(settings), app.env());
    } catch (InvalidControllerConfigException e) {
      throw new CliException(e.getMessage(), e);
    }
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> stopAndAwait(stopped, closed), "controller-stop"));
    try (KubernetesClient client =
            KubeClients.connect(
                Optional.of(config.kubeconfig()), Optional.empty(), Optional.of(config.master()));
        ControllerApp controller =
            ControllerApp.onSecrets(config, client, app.clock(), new ControllerMetrics(registry));
        AutoCloseable endpoint = metricsEndpoint(config.metricsPort(), registry);
        ConfigMapLogStore logs = new ConfigMapLogStore(client, config.namespace(), app.clock());
        AutoCloseable archiving = archiving(client, config.namespace(), logs, controller)) {
      controller.start();
      stopped.await();
    } finally {
      closed.countDown();
    }
    return ExitCodes.OK;
  }

  /**
   * The shutdown hook (SIGTERM): lets {@link #call()} close the app, then waits for that close (the
   * log archive's last uploads among it) up to {@link #CLOSE_WAIT}, below Kubernetes' default 30 s
   * grace; the JVM halts once the hooks are done.
   */
  static void stopAndAwait(CountDownLatch stopped, CountDownLatch closed) {
    stopped.countDown();
    try {
      if (!closed.await(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS)) {
        System.err.println("Controller still closing after " + CLOSE_WAIT + "; stopping anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The S3 log archive of finished builds when {@code KUBEHERD_LOG_ARCHIVE_BUCKET} is set: every
   * replica uploads (an upload already done is skipped), so no build waits for a leader change; the
   * vacuum then deletes only builds whose logs this replica has seen archived.
   */
  private AutoCloseable archiving(
      KubernetesClient client, String namespace, LogStore logs, ControllerApp controller) {
    SecretBuildStore builds = new SecretBuildStore(client, namespace, app.clock());
    Optional<LogArchiving> archiving =
        LogArchiving.start(
            app.env(),
            builds,
            logs,
            new SecretBuildFeed(client, namespace),
            app.clock(),
            spec.commandLine().getOut());
    archiving.ifPresent(a -> controller.vacuumHold(a.vacuumHold()));
    return archiving.<AutoCloseable>map(a -> a).orElse(() -> {});
  }

  /** {@code GET /metrics} on {@code port} of every address; nothing for port 0. */
  private AutoCloseable metricsEndpoint(int port, PrometheusMeterRegistry registry) {
    if (port == 0) {
      return () -> {};
    }
    try {
      MetricsEndpoint endpoint = MetricsEndpoint.start("0.0.0.0", port, registry::scrape);
      spec.commandLine().getOut().println("Metrics on :" + endpoint.port() + "/metrics");
      spec.commandLine().getOut().flush();
      return endpoint;
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  /** {@code -name value}, {@code --name value} or {@code --name=value}, as v1's Go flags. */
  static Map<String, String> flags(List<String> args) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("-")) {
        throw new CliException("unexpected argument " + arg + "; settings are -name value");
      }
      String name = arg.replaceFirst("^--?", "");
      String value;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new CliException("setting -" + name + " needs a value");
      }
      requireKnown(name);
      flags.put(name, value);
    }
    return flags;
  }

  private static void requireKnown(String name) {
    for (ControllerSetting s : ControllerSetting.values()) {
      if (s.flag().equals(name)) {
        return;
      }
    }
    throw new CliException(
        "unknown controller setting -" + name + "; see kubeherd controller --help for the list");
  }

  /** The settings table for {@code --help}. */
  static String[] settingsHelp() {
    List<String> lines = new ArrayList<>();
    for (ControllerSetting s : ControllerSetting.values()) {
      String def = s.defaultValue() == null ? "(derived)" : "\"" + s.defaultValue() + "\"";
      lines.add("  -" + s.flag());
      lines.add("      env " + s.env() + ", default " + def);
    }
    return lines.toArray(String[]::new);
  }
}
