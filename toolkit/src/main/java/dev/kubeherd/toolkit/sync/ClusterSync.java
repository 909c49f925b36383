package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import dev.kubeherd.toolkit.deploy.HelmfileLocator;
import dev.kubeherd.toolkit.git.GitAuth;
import dev.kubeherd.toolkit.git.GitCheckouts;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code kubeherd sync master} and {@code sync worker} in a checked-out cluster repository.
 *
 * <p>Master: {@code app-infra/apps.yaml} is read first (a malformed file changes nothing); in
 * {@code --path} (default {@code environments/$env/cluster-infra}, or {@code environments/$env}
 * when that has no helmfile) decrypt and {@code helmfile sync} with {@code CLUSTER}, then a worker
 * sync for every app of {@code app-infra/apps.yaml}, in file order, stopping at the first failure.
 *
 * <p>Worker: in {@code environments/$env/app-infra} (or its alias {@code worker}) decrypt and
 * {@code helmfile sync} with {@code APP}, {@code CLUSTER}, {@code APP_VALUES_DIR} (the app repo's
 * {@code ci/environments/$env}, shallow-fetched into a temporary directory deleted afterwards) and,
 * from the app's entry, {@code APP_PIPELINE_TEMPLATE} and {@code APP_NAMESPACE_DEFAULTS} (a values
 * file with its overrides).
 */
public final class ClusterSync {
  public static final String APPS_FILE = "apps.yaml";

  private final ToolRunner tools;
  private final AppValues values;
  private final Consumer<String> progress;

  public ClusterSync(
      ToolRunner tools,
      GitCheckouts git,
      Function<String, GitAuth> auth,
      Consumer<String> progress) {
    this.tools = tools;
    this.values = new AppValues(git, auth);
    this.progress = progress;
  }

  /**
   * @return the apps synced after the master, in order
   */
  public List<String> master(SyncOptions options) throws InterruptedException {
    Path dir = masterDir(options);
    List<AppEntry> apps = apps(options); // a malformed apps.yaml fails before anything is applied
    progress.accept("sync master: " + dir + " (cluster " + options.cluster() + ")");
    new HelmfileSync(tools, options, progress)
        .run(
            dir,
            HelmfileSync.helmfileIn(dir),
            Optional.empty(),
            Map.of("CLUSTER", options.cluster()));
    for (AppEntry app : apps) {
      worker(options, app);
    }
    return apps.stream().map(AppEntry::name).toList();
  }

  /**
   * A worker sync of {@code app}: its entry in {@code apps.yaml} when listed there, else the file's
   * defaults; {@code repository} overrides the entry's repository.
   */
  public void worker(SyncOptions options, String app, Optional<String> repository)
      throws InterruptedException {
    AppEntry entry =
        apps(options).stream()
            .filter(a -> a.name().equals(app))
            .findFirst()
            .orElseGet(() -> unlisted(app));
    worker(
        options,
        new AppEntry(
            entry.name(),
            repository.or(entry::repository),
            entry.pipelineTemplate(),
            entry.namespaceDefaults(),
            entry.line()));
  }

  private AppEntry unlisted(String app) {
    progress.accept("warning: " + app + " is not listed in " + APPS_FILE + "; syncing it as given");
    return new AppEntry(app, Optional.empty(), Optional.empty(), Optional.empty(), 0);
  }

  private void worker(SyncOptions options, AppEntry app) throws InterruptedException {
    Path dir = workerDir(options);
    progress.accept(
        "sync worker " + app.name() + ": " + dir + " (cluster " + options.cluster() + ")");
    Path helmfile = HelmfileSync.helmfileIn(dir);
    if (options.create()) {
      new NamespaceCheck(tools).requireAbsent(app.name(), dir);
    }
    try (TempDir tmp = TempDir.under(options.scratch(), "kubeherd-worker-")) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("APP", app.name());
      env.put("CLUSTER", options.cluster());
      if (app.repository().isPresent()) {
        Path fetched = values.fetch(app.repository().get(), options.environment(), tmp.dir);
        env.put("APP_VALUES_DIR", fetched.toString());
      } else {
        progress.accept(
            "warning: "
                + app.name()
                + " has no repository in "
                + APPS_FILE
                + "; APP_VALUES_DIR is not set");
      }
      app.pipelineTemplate().ifPresent(t -> env.put("APP_PIPELINE_TEMPLATE", t));
      if (app.namespaceDefaults().isPresent()) {
        Path file = tmp.dir.resolve("namespace-defaults.values.yaml");
        Files.writeString(file, app.namespaceDefaults().get());
        env.put("APP_NAMESPACE_DEFAULTS", file.toString());
      }
      new HelmfileSync(tools, options, progress).run(dir, helmfile, Optional.empty(), env);
    } catch (IOException e) {
      throw new ToolkitException(
          ToolkitExitCodes.ERROR, "cannot write the overrides of " + app.name() + ": " + e);
    }
  }

  /** The apps of {@code app-infra/apps.yaml}; none when there is no app-infra or no file. */
  public List<AppEntry> apps(SyncOptions options) {
    Optional<Path> dir = existingWorkerDir(options);
    if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(APPS_FILE))) {
      progress.accept(
          "no " + APPS_FILE + " in " + options.environmentDir() + "/app-infra: no apps");
      return List.of();
    }
    return AppsFile.read(dir.get().resolve(APPS_FILE));
  }

  static Path masterDir(SyncOptions options) {
    if (options.path().isPresent()) {
      Path dir = options.repoDir().resolve(options.path().get()).normalize();
      HelmfileSync.helmfileIn(dir);
      return dir;
    }
    requireEnvironment(options);
    Path infra = options.environmentDir().resolve("cluster-infra");
    if (Files.isDirectory(infra) && HelmfileLocator.detect(infra).isPresent()) {
      return infra;
    }
    Path env = options.environmentDir();
    if (Files.isDirectory(env) && HelmfileLocator.detect(env).isPresent()) {
      return env;
    }
    throw new ToolkitException(
        ToolkitExitCodes.INPUT_MISSING,
        "no helmfile in "
            + infra
            + " nor in "
            + env
            + ": looked for "
            + String.join(", ", HelmfileLocator.NAMES)
            + "; pass --path or --repo-dir");
  }

  private static Optional<Path> existingWorkerDir(SyncOptions options) {
    return List.of("app-infra", "worker").stream()
        .map(options.environmentDir()::resolve)
        .filter(Files::isDirectory)
        .findFirst();
  }

  private static void requireEnvironment(SyncOptions options) {
    EnvironmentDirs.require(options.repoDir(), "environments", options.environment(), "cluster");
  }

  static Path workerDir(SyncOptions options) {
    requireEnvironment(options);
    return existingWorkerDir(options)
        .orElseThrow(
            () ->
                new ToolkitException(
                    ToolkitExitCodes.INPUT_MISSING,
                    "no app-infra directory: neither "
                        + options.environmentDir().resolve("app-infra")
                        + " nor its alias "
                        + options.environmentDir().resolve("worker")
                        + " exists"));
  }
}
