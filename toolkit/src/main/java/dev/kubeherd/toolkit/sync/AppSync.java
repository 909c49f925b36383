package dev.kubeherd.toolkit.sync;

import dev.kubeherd.toolkit.git.GitTag;
import dev.kubeherd.toolkit.tools.ToolRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code kubeherd sync app} in a checked-out app repository: in {@code ci/environments/$env}
 * (relative values files resolve there) decrypt every {@code *.secrets.yaml.enc}, then {@code
 * helmfile --file ../../helmfile --environment $env sync} with {@code ENV}, {@code CLUSTER} and
 * {@code GIT_TAG} (given, else {@code git describe --tags --always} of the repository made a valid
 * image tag) and {@code GIT_DESCRIBE} (the describe output as it is).
 */
public final class AppSync {
  private final ToolRunner tools;
  private final Consumer<String> progress;

  public AppSync(ToolRunner tools, Consumer<String> progress) {
    this.tools = tools;
    this.progress = progress;
  }

  /**
   * @return the {@code GIT_TAG} deployed
   */
  public String run(SyncOptions options) throws InterruptedException {
    return run(options, Optional.empty());
  }

  /**
   * @param gitTag the image tag to deploy when the pipeline knows it; else {@code git describe}
   * @return the {@code GIT_TAG} deployed
   */
  public String run(SyncOptions options, Optional<String> gitTag) throws InterruptedException {
    Path ci = options.repoDir().resolve("ci");
    Path cwd =
        EnvironmentDirs.require(options.repoDir(), "ci/environments", options.environment(), "app");
    Path helmfile = HelmfileSync.helmfileIn(ci);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ENV", options.environment());
    env.put("CLUSTER", options.cluster());
    env.putAll(GitTag.variables(options.repoDir(), gitTag));
    String tag = env.get(GitTag.TAG_VARIABLE);
    progress.accept(
        "sync app: " + cwd + " (cluster " + options.cluster() + ", GIT_TAG " + tag + ")");
    new HelmfileSync(tools, options, progress)
        .run(cwd, helmfile, Optional.of(options.environment()), env);
    return tag;
  }
}
