package dev.kubeherd.cli;

import dev.kubeherd.cli.brigadm.BootstrapCommand;
import dev.kubeherd.cli.brigadm.BrigadmCommand;
import dev.kubeherd.cli.brigcluster.BrigclusterCommand;
import dev.kubeherd.cli.deploy.Sdf4kCommand;
import dev.kubeherd.cli.toolkit.ToolkitCommands;
import dev.kubeherd.cli.toolkit.ToolkitDefaults;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.port.BuildFeed;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.Deliveries;
import dev.kubeherd.core.port.DeliveryIntake;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.OrphanedJobs;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.WorkerLauncher;
import dev.kubeherd.core.service.OrphanedBuilds;
import dev.kubeherd.core.service.RecordedIntake;
import dev.kubeherd.kube.KubeClients;
import dev.kubeherd.toolkit.config.ConfigSections;
import dev.kubeherd.worker.metrics.WorkerMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The composition root of the command line: holds the ports the commands use and builds the
 * configured picocli command lines. {@link BrigMain} and {@link KubeherdMain} wire it to the real
 * stores; tests pass their own.
 */
public final class BrigApp {
  private final Function<GlobalOptions, Backend> connector;
  private final Clock clock;
  private final Map<String, String> env;
  private final PrometheusMeterRegistry metrics;
  private volatile Backend backend;
  private BiFunction<Optional<String>, Optional<String>, KubernetesClient> kube =
      (kubeconfig, context) -> KubeClients.connect(kubeconfig, context, Optional.empty());
  private Browser browser = Browser.system();
  private Supplier<BufferedReader> input =
      () -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  public BrigApp(
      ProjectStore projects,
      BuildStore builds,
      LogStore logs,
      WorkerLauncher launcher,
      Clock clock,
      Map<String, String> env) {
    this(projects, builds, logs, clock, env, r -> launcher);
  }

  /** With one launcher per job runtime ({@code brig run --runtime}). */
  public BrigApp(
      ProjectStore projects,
      BuildStore builds,
      LogStore logs,
      Clock clock,
      Map<String, String> env,
      Function<JobRuntime, WorkerLauncher> launchers) {
    this(Backend.of(projects, builds, logs, launchers, Optional.empty()), clock, env);
  }

  /** Always on {@code backend}, whatever the mode flags say. */
  public BrigApp(Backend backend, Clock clock, Map<String, String> env) {
    this(options -> backend, clock, env);
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  private BrigApp(
      Function<GlobalOptions, Backend> connector, Clock clock, Map<String, String> env) {
    this(connector, clock, env, newRegistry());
  }

  private BrigApp(
      Function<GlobalOptions, Backend> connector,
      Clock clock,
      Map<String, String> env,
      PrometheusMeterRegistry metrics) {
    this.metrics = metrics;
    this.connector = Objects.requireNonNull(connector, "connector");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.env = Map.copyOf(env);
  }

  /** Local mode on the directory stores of {@code KUBEHERD_HOME}, whatever the flags say. */
  public static BrigApp local(Map<String, String> env, Clock clock) {
    PrometheusMeterRegistry metrics = newRegistry();
    Backend local = Backend.local(env, clock, new WorkerMetrics(metrics)).withArchive(env);
    BrigApp app = new BrigApp(options -> local, clock, env, metrics);
    app.backend = local;
    return app;
  }

  /**
   * The processes' root: the backend is chosen when the first command runs, from {@code --local} or
   * {@code KUBEHERD_MODE=local} (local stores), else the cluster of the kubeconfig.
   */
  public static BrigApp fromEnvironment(Map<String, String> env, Clock clock) {
    PrometheusMeterRegistry metrics = newRegistry();
    return new BrigApp(
        options ->
            options.local(env)
                ? Backend.local(env, clock, new WorkerMetrics(metrics)).withArchive(env)
                : KubeBackend.connect(options, env, clock).withArchive(env),
        clock,
        env,
        metrics);
  }

  private static PrometheusMeterRegistry newRegistry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * The process's one metrics registry: the gateway's metrics and, in local mode, the in-process
   * workers' go to it, so {@code kubeherd server --local --port N} shows them all on {@code
   * /metrics}.
   */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** Chooses the backend for the command line's options; later calls keep the first choice. */
  public Backend connect(GlobalOptions options) {
    Backend b = backend;
    if (b == null) {
      synchronized (this) {
        if (backend == null) {
          backend = connector.apply(options);
        }
        b = backend;
      }
    }
    return b;
  }

  private Backend backend() {
    Backend b = backend;
    if (b == null) {
      throw new IllegalStateException("no backend yet: call connect(options) before using stores");
    }
    return b;
  }

  /** {@code brig ...}, ready to {@code execute}. */
  public CommandLine brig() {
    return configure(new CommandLine(BrigCommand.class, new AppFactory(this)));
  }

  /**
   * {@code kubeherd ...}, with {@code kubeherd brig ...} as a subcommand; the toolkit groups
   * ({@code build}, {@code brigadm}, {@code deploy}, {@code undeploy}, {@code sdf4k}) take defaults
   * from {@code KUBEHERD_*} and {@code kubeherd.yaml}.
   */
  public CommandLine kubeherd() {
    AppFactory factory = new AppFactory(this);
    CommandLine root = new CommandLine(KubeherdCommand.class, factory);
    root.addSubcommand("brig", new CommandLine(BrigCommand.class, factory));
    CommandLine init = new CommandLine(BootstrapCommand.class, factory);
    init.getCommandSpec().name("init").aliases(); // kubeherd init = brigadm bootstrap
    root.addSubcommand("init", init);
    List<CommandLine> toolkit =
        ToolkitCommands.GROUPS.stream().map(g -> root.getSubcommands().get(g)).toList();
    ConfigSections sections = ToolkitDefaults.sectionsOf(toolkit);
    toolkit.forEach(group -> ToolkitDefaults.install(group, env, sections));
    return configure(root);
  }

  /** {@code brigadm ...} (the {@code brigadm} launcher), with toolkit defaults. */
  public CommandLine brigadm() {
    return launcher(BrigadmCommand.class);
  }

  /** {@code brigcluster ...} (the {@code brigcluster} launcher), with toolkit defaults. */
  public CommandLine brigcluster() {
    return launcher(BrigclusterCommand.class);
  }

  /** {@code sdf4k PATH ...} (the {@code sdf4k} launcher), with toolkit defaults. */
  public CommandLine sdf4k() {
    return launcher(Sdf4kCommand.class);
  }

  /**
   * One toolkit group as its own process; its {@code kubeherd.yaml} sections are those of {@code
   * kubeherd}, so one file serves both.
   */
  private CommandLine launcher(Class<?> group) {
    AppFactory factory = new AppFactory(this);
    CommandLine command = new CommandLine(group, factory);
    CommandLine root = new CommandLine(KubeherdCommand.class, factory);
    ConfigSections sections =
        ToolkitDefaults.sectionsOf(
            ToolkitCommands.GROUPS.stream().map(g -> root.getSubcommands().get(g)).toList());
    ToolkitDefaults.install(command, env, sections);
    return configure(command);
  }

  private static CommandLine configure(CommandLine commandLine) {
    CommandLine controller = commandLine.getSubcommands().get("controller");
    if (controller != null) {
      controller.getCommandSpec().usageMessage().footer(ControllerCommand.settingsHelp());
    }
    ErrorReporter errors = new ErrorReporter();
    return commandLine
        .setExitCodeExceptionMapper(new ExitCodes())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  /**
   * The name this process claims builds under: {@code brig-<pid>-<start ticks>-<pid namespace>}, so
   * a local server can tell when it died ({@link OrphanedBuilds}).
   */
  public String claimant() {
    return OrphanedBuilds.localClaimant("brig");
  }

  public ProjectStore projects() {
    return backend().projects();
  }

  public BuildStore builds() {
    return backend().builds();
  }

  public LogStore logs() {
    return backend().logs();
  }

  /** Whether builds created here are run by this process (local) or by a controller. */
  public boolean runsWorkers() {
    return backend().runsWorkers();
  }

  /** The launcher whose workers run jobs with the default runtime (processes). */
  public WorkerLauncher launcher() {
    return launcher(JobRuntime.PROCESS);
  }

  public WorkerLauncher launcher(JobRuntime runtime) {
    return backend()
        .launchers()
        .orElseThrow(
            () ->
                new CliException(
                    "workers run in the cluster in Kubernetes mode; pass --local to run builds in"
                        + " this process"))
        .apply(runtime);
  }

  /** The build's worker init container ({@code vcs-sidecar}) log, when there is one. */
  public Optional<String> initLog(Build build) {
    return backend().initLogs().apply(build);
  }

  /** Webhook deliveries already turned into builds. */
  public Deliveries deliveries() {
    return backend()
        .deliveries()
        .orElseThrow(
            () ->
                new CliException(
                    "this backend keeps no webhook deliveries; run the gateway with --local or"
                        + " against a cluster"));
  }

  /**
   * Where the gateway turns deliveries into builds: the backend's own (the local store's journal)
   * or store-then-record over {@link #builds()} and {@link #deliveries()}. Close it (when it is
   * {@link AutoCloseable}) after the gateway stops.
   */
  public DeliveryIntake openDeliveryIntake() {
    return backend()
        .intake()
        .map(Supplier::get)
        .orElseGet(() -> new RecordedIntake(builds(), deliveries()));
  }

  /** Stops the jobs a dead local claimant left running ({@link OrphanedJobs#NONE} in a cluster). */
  public OrphanedJobs orphanedJobs() {
    return backend().orphanedJobs();
  }

  /** New and changed builds (the gateway's GitHub status reporter); empty when not available. */
  public Optional<BuildFeed> buildFeed() {
    return backend().feed();
  }

  /**
   * The client and namespace of Kubernetes mode, the ones the stores use; empty in local mode. Call
   * {@link #connect} first.
   */
  public Optional<KubeTarget> cluster() {
    return backend().cluster();
  }

  /** How often log followers re-read a log. */
  public Duration logPoll() {
    return backend().logPoll();
  }

  /** Where answers to prompts come from: standard input unless replaced. */
  public BufferedReader input() {
    return input.get();
  }

  /**
   * A client for the toolkit's cluster commands ({@code brigadm init}, {@code brigcluster}, …): the
   * kubeconfig's (or in-cluster) unless a test supplied one.
   */
  public KubernetesClient kubeClient(Optional<String> kubeconfig, Optional<String> context) {
    return kube.apply(kubeconfig, context);
  }

  /** The toolkit's cluster commands use {@code client} (tests: the mock API server). */
  public BrigApp withKubeClient(KubernetesClient client) {
    this.kube = (kubeconfig, context) -> client;
    return this;
  }

  /** Where {@code brig dashboard} opens its page: the user's browser unless replaced. */
  public Browser browser() {
    return browser;
  }

  /** Opens pages with {@code opener} (tests). */
  public BrigApp withBrowser(Browser opener) {
    this.browser = Objects.requireNonNull(opener, "opener");
    return this;
  }

  /** Answers prompts from {@code in} (tests, scripted use). */
  public BrigApp withInput(Reader in) {
    BufferedReader reader = new BufferedReader(in);
    this.input = () -> reader;
    return this;
  }

  public Clock clock() {
    return clock;
  }

  public Map<String, String> env() {
    return env;
  }
}
