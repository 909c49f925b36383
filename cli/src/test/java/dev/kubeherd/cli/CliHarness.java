package dev.kubeherd.cli;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.BuildStore;
import dev.kubeherd.core.port.LogStore;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.core.port.WorkerLauncher;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * Runs brig and kubeherd command lines in-process against the directory stores in a temporary home,
 * capturing output. Local mode is on through the env map unless a test removes it.
 */
public final class CliHarness {
  public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  public final Path home;
  public final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  public final Map<String, String> env = new HashMap<>();
  public final ProjectStore projects;
  public final BuildStore builds;
  public final LogStore logs;
  public WorkerLauncher launcher;

  /** The cluster of the toolkit's cluster commands (brigadm init, brigcluster…), when set. */
  public KubernetesClient kube;

  /** What the next command reads from standard input (answers to prompts). */
  public String input = "";

  public CliHarness(Path home) {
    this.home = home;
    env.put("KUBEHERD_HOME", home.toString());
    env.put("KUBEHERD_MODE", "local");
    LocalHome local = new LocalHome(home);
    this.projects = new DirectoryProjectStore(local);
    this.builds = new DirectoryBuildStore(local, clock);
    this.logs = new DirectoryLogStore(local);
    this.launcher =
        b -> {
          throw new AssertionError("no launcher expected in this test");
        };
  }

  private boolean local;

  /** From now on run the real composition root ({@link BrigApp#fromEnvironment}) on this home. */
  public CliHarness useLocalApp() {
    local = true;
    return this;
  }

  public BrigApp app() {
    BrigApp app =
        local
            ? BrigApp.fromEnvironment(env, clock)
            : new BrigApp(projects, builds, logs, launcher, clock, env);
    if (kube != null) {
      app.withKubeClient(kube);
    }
    return app.withInput(new StringReader(input));
  }

  public Result brig(String... args) {
    return run(BrigApp::brig, args);
  }

  public Result kubeherd(String... args) {
    return run(BrigApp::kubeherd, args);
  }

  /** Runs the {@code brigadm} launcher's tree. */
  public Result brigadm(String... args) {
    return run(BrigApp::brigadm, args);
  }

  /** Runs the {@code brigcluster} launcher's tree. */
  public Result brigcluster(String... args) {
    return run(BrigApp::brigcluster, args);
  }

  /** Stores a project with the given name (ID derived) and repository. */
  public Project project(String name, String repository) {
    Project p =
        new Project(
            ProjectIds.fromName(name),
            name,
            "default",
            Map.of("repository", repository, "secrets", "{\"password\":\"hunter2\"}"));
    projects.create(p);
    return p;
  }

  /** Runs {@code brig} of a hand-wired app. */
  public Result brig(BrigApp app, String... args) {
    return run(a -> app.brig(), args);
  }

  /** Runs the command tree {@code which} builds (e.g. {@code BrigApp::sdf4k}). */
  public Result run(Function<BrigApp, CommandLine> which, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = which.apply(app());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  /** What a command line run left behind. */
  public record Result(int exitCode, String out, String err) {}
}
