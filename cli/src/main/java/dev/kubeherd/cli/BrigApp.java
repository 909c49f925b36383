package dev.kubeherd.cli;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.local.exec.JobWorkDirs;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.WorkerLauncher;
import dev.kubeherd.worker.InProcessWorkerLauncher;
import dev.kubeherd.worker.run.BuildWorker;
import dev.kubeherd.worker.run.LocalWorkspaces;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The composition root of the command line: holds the ports the commands use and builds the
 * configured picocli command lines. {@link BrigMain} and {@link KubeherdMain} wire it to the real
 * stores; tests pass their own.
 */
public final class BrigApp {
  private final ProjectStore projects;
  private final BuildStore builds;
  private final LogStore logs;
  private final Function<JobRuntime, WorkerLauncher> launchers;
  private final Clock clock;
  private final Map<String, String> env;
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
    this.projects = Objects.requireNonNull(projects, "projects");
    this.builds = Objects.requireNonNull(builds, "builds");
    this.logs = Objects.requireNonNull(logs, "logs");
    this.launchers = Objects.requireNonNull(launchers, "launchers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.env = Map.copyOf(env);
  }

  /**
   * Local mode: the directory stores under {@code KUBEHERD_HOME} (default {@code ~/.kubeherd}), the
   * in-process worker, and jobs as local processes (per-job directories on tmpfs when there is one,
   * see {@link JobWorkDirs}).
   */
  public static BrigApp local(Map<String, String> env, Clock clock) {
    LocalHome home = LocalHome.resolve(env);
    ProjectStore projects = new DirectoryProjectStore(home);
    BuildStore builds = new DirectoryBuildStore(home, clock);
    LogStore logs = new DirectoryLogStore(home);
    Map<JobRuntime, WorkerLauncher> launchers = new ConcurrentHashMap<>();
    Function<JobRuntime, WorkerLauncher> launcherFor =
        runtime ->
            launchers.computeIfAbsent(
                runtime,
                r ->
                    new InProcessWorkerLauncher(
                        new BuildWorker(
                            projects,
                            builds,
                            logs,
                            r.executor(JobWorkDirs.preferred(env, home.root().resolve("jobs"))),
                            new LocalWorkspaces(home),
                            clock)));
    return new BrigApp(projects, builds, logs, clock, env, launcherFor);
  }

  /** {@code brig ...}, ready to {@code execute}. */
  public CommandLine brig() {
    return configure(new CommandLine(BrigCommand.class, new AppFactory(this)));
  }

  /** {@code kubeherd ...}, with {@code kubeherd brig ...} as a subcommand. */
  public CommandLine kubeherd() {
    AppFactory factory = new AppFactory(this);
    CommandLine root = new CommandLine(KubeherdCommand.class, factory);
    root.addSubcommand("brig", new CommandLine(BrigCommand.class, factory));
    return configure(root);
  }

  private static CommandLine configure(CommandLine commandLine) {
    ErrorReporter errors = new ErrorReporter();
    return commandLine
        .setExitCodeExceptionMapper(new ExitCodes())
        .setExecutionExceptionHandler(errors)
        .setParameterExceptionHandler(errors)
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** The name this process claims builds under: {@code brig-<pid>}. */
  public String claimant() {
    return "brig-" + ProcessHandle.current().pid();
  }

  public ProjectStore projects() {
    return projects;
  }

  public BuildStore builds() {
    return builds;
  }

  public LogStore logs() {
    return logs;
  }

  /** The launcher whose workers run jobs with the default runtime (processes). */
  public WorkerLauncher launcher() {
    return launchers.apply(JobRuntime.PROCESS);
  }

  public WorkerLauncher launcher(JobRuntime runtime) {
    return launchers.apply(runtime);
  }

  /** Where answers to prompts come from: standard input unless replaced. */
  public BufferedReader input() {
    return input.get();
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
