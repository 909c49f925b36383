package dev.kubeherd.cli.toolkit;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.ExitCodes;
import dev.kubeherd.cli.output.DocumentOption;
import dev.kubeherd.toolkit.image.BuildInputs;
import dev.kubeherd.toolkit.image.CacheGuard;
import dev.kubeherd.toolkit.image.CliEngine;
import dev.kubeherd.toolkit.image.EngineEnvironment;
import dev.kubeherd.toolkit.image.EngineLocator;
import dev.kubeherd.toolkit.image.GithubCredentials;
import dev.kubeherd.toolkit.image.GithubTokenSource;
import dev.kubeherd.toolkit.image.ImageBuild;
import dev.kubeherd.toolkit.image.ImageBuildOptions;
import dev.kubeherd.toolkit.image.ImageBuildReport;
import dev.kubeherd.toolkit.image.PushFailedException;
import dev.kubeherd.toolkit.image.SourceRevision;
import dev.kubeherd.toolkit.image.SsmSecretReader;
import dev.kubeherd.toolkit.image.TagScheme;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubeherd build dockerimage}: a cached, secret-safe two-stage image build on a
 * docker-compatible engine ({@code docker} or {@code podman}). The steps live in {@link
 * ImageBuild}; this class maps flags and the git-derived defaults, reads the GitHub token, finds
 * the engine and prints: progress to stderr, the report to stdout ({@code -o yaml|json}).
 */
@Command(
    name = "dockerimage",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Build an app image in two stages with run + commit on a docker-compatible engine, keeping"
          + " the layer cache and keeping secrets out of every layer.",
      "Steps: (1) image names from the Dockerfiles' md5 (--force-rebuild removes the local cache"
          + " and base images, and pulls no cache); (2) builder base: local, pulled or built; (3) builder cache:"
          + " local, pulled or the base (a fresh chain past --max-cache-layers/--max-cache-age);"
          + " (4) builder run: source to /tmp/src, scripts to /tmp/scripts, GitHub credentials at"
          + " /tmp/github and the SSH directory at /root/.ssh as read-only mounts, assemble, commit"
          + " builder-TAG; (5-6) runtime base and cache likewise; (7) runtime assemble in the"
          + " builder output writes --runtime-artifact, which alone is copied into the runtime"
          + " cache, where assemble-runtime runs; commit REPO:TAG; (8) tag the outputs as caches;"
          + " push caches (--push-cache), then the image (--push).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:built (and pushed, when asked)",
      "1:usage error, no docker or podman, GitHub token missing, an engine command failed",
      "2:a Dockerfile, scripts directory, script, context or SSH directory is missing (named)",
      "3:built and kept locally, but a push failed (registry unreachable or refused)",
      "4:a build step failed (base image build, assemble, assemble-runtime, save-artifacts);"
          + " its output is in the message, its container removed; or a step left a secret value"
          + " (or a file below a secret mount) in the container's files: the message names the"
          + " paths and secrets, never a value, and nothing was committed or pushed"
    })
public final class DockerImageBuildCommand implements Callable<Integer> {
  private final BrigApp app;

  @Spec CommandSpec spec;

  @Option(
      names = "--context",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "Source directory, copied to /tmp/src (default: ${DEFAULT-VALUE}).")
  Path context;

  @Option(
      names = "--builder-dockerfile",
      paramLabel = "FILE",
      description = "Builder base Dockerfile (default: CONTEXT/deploy/Dockerfile.builder).")
  Path builderDockerfile;

  @Option(
      names = "--runtime-dockerfile",
      paramLabel = "FILE",
      description = "Runtime base Dockerfile (default: CONTEXT/deploy/Dockerfile.runtime).")
  Path runtimeDockerfile;

  @Option(
      names = "--builder-scripts",
      paramLabel = "DIR",
      description =
          "s2i scripts of the builder: assemble [, save-artifacts, run] (default: CONTEXT/deploy/s2i/builder).")
  Path builderScripts;

  @Option(
      names = "--runtime-scripts",
      paramLabel = "DIR",
      description =
          "s2i scripts of the runtime: assemble, assemble-runtime [, run] (default: CONTEXT/deploy/s2i/runtime).")
  Path runtimeScripts;

  @Option(
      names = "--registry",
      paramLabel = "HOST[:PORT]",
      description = "Registry the default repository is in (default: $REGISTRY, else none).")
  String registry;

  @Option(
      names = "--repository",
      paramLabel = "NAME",
      description = "Image repository (default: REGISTRY/ + the basename of the git top level).")
  String repository;

  @Option(
      names = "--tag",
      paramLabel = "TAG",
      description =
          "Image tag (default: git describe --tags --always, else the short sha, else dev).")
  String tag;

  @Option(
      names = "--cache-tag",
      paramLabel = "TAG",
      defaultValue = "cache",
      description = "Suffix of the cache images' tags (default: ${DEFAULT-VALUE}).")
  String cacheTag;

  @Option(
      names = "--tag-scheme",
      paramLabel = "SCHEME",
      defaultValue = "mono",
      description =
          "mono (REPO:builder-HASH) or split (REPO/builder:HASH) (default: ${DEFAULT-VALUE}).")
  String tagScheme;

  @Option(names = "--push", description = "Push REPO:TAG (after the caches).")
  boolean push;

  @Option(names = "--push-cache", description = "Push the builder and runtime cache images.")
  boolean pushCache;

  @Option(
      names = "--force-rebuild",
      description =
          "Remove the local cache and base images first and start both stages from their bases:"
              + " no cache is pulled from the registry (which keeps its copies).")
  boolean forceRebuild;

  @Option(
      names = "--incremental",
      description =
          "Build on the builder base with the artifacts the previous image's save-artifacts streams to /tmp/artifacts.")
  boolean incremental;

  @Option(
      names = "--github-username",
      paramLabel = "NAME",
      description = "Mount username and token files at /tmp/github (default: $GITHUB_USERNAME).")
  String githubUsername;

  @ArgGroup(exclusive = true)
  TokenSource token = new TokenSource();

  /** Where the GitHub token is read from: one variable or one SSM parameter. */
  static final class TokenSource {
    @Option(
        names = "--github-token-env",
        paramLabel = "VAR",
        description =
            "Variable holding the GitHub token (default: GITHUB_TOKEN); left out of the engine's environment.")
    String variable;

    @Option(
        names = "--github-token-ssm-parameter",
        paramLabel = "NAME",
        description =
            "SSM parameter holding the GitHub token (read with decryption; region: $AWS_REGION,"
                + " $AWS_DEFAULT_REGION, the AWS profile's region, instance metadata).")
    String ssmParameter;
  }

  @Option(
      names = "--ssh-dir",
      paramLabel = "DIR",
      description =
          "Directory mounted read-only at /root/.ssh (default: ~/.ssh when it exists and no --github-username is given).")
  Path sshDir;

  @Option(names = "--no-ssh", description = "Mount no SSH directory, not even ~/.ssh.")
  boolean noSsh;

  @Option(
      names = "--runtime-artifact",
      paramLabel = "PATH",
      defaultValue = ImageBuildOptions.DEFAULT_RUNTIME_ARTIFACT,
      description =
          "Container path of what the runtime assemble writes (default: ${DEFAULT-VALUE}).")
  String runtimeArtifact;

  @Option(
      names = "--max-cache-layers",
      paramLabel = "N",
      defaultValue = "" + CacheGuard.DEFAULT_MAX_LAYERS,
      description =
          "Start a fresh chain when one more layer would pass N (default: ${DEFAULT-VALUE}).")
  int maxCacheLayers;

  @Option(
      names = "--max-cache-age",
      paramLabel = "DURATION",
      defaultValue = "30d",
      converter = DurationConverter.class,
      description =
          "Start a fresh chain when the cache chain is older (default: ${DEFAULT-VALUE}).")
  Duration maxCacheAge;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "docker, podman or a client's path (default: $"
              + EngineLocator.ENV
              + ", else docker or podman on PATH, the one that answers).")
  String engine;

  @Option(
      names = "--engine-timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      converter = DurationConverter.class,
      description =
          "Stop an engine command (pull, push, a base image build, a build step's container) that"
              + " takes longer (default: KUBEHERD_ENGINE_TIMEOUT, kubeherd.yaml, ${DEFAULT-VALUE}).")
  Duration engineTimeout;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Where the run's private temporary directory goes (default: the system's temp dir); a"
              + " remote engine must see it at the same path. When secrets are used (GitHub"
              + " credentials, an SSH directory) or with --incremental it must be outside the"
              + " build context, which is copied into the images: the run's secrets and the"
              + " previous build's saved artifacts are written there.")
  Path workDir;

  @Option(
      names = "--git-sha",
      paramLabel = "SHA",
      description =
          "Commit recorded in the labels (default: $KUBEHERD_GIT_SHA, else git rev-parse HEAD in the context).")
  String gitSha;

  @Mixin DocumentOption output;

  public DockerImageBuildCommand(BrigApp app) {
    this.app = app;
  }

  @Override
  public Integer call() {
    Map<String, String> env = app.env();
    ImageBuildOptions options = options(env);
    BuildInputs.check(options);
    Optional<GithubCredentials> github = github(options, env);
    Path binary =
        EngineLocator.probing(env)
            .locate(Optional.ofNullable(orEnv(engine, env, EngineLocator.ENV)));
    CliEngine cli =
        new CliEngine(
            binary,
            EngineEnvironment.withoutSecrets(
                env,
                List.of(options.githubToken().variable()),
                github.map(g -> List.of(g.token())).orElse(List.of())),
            engineTimeout == null ? CliEngine.DEFAULT_TIMEOUT : engineTimeout);
    PrintWriter err = spec.commandLine().getErr();
    err.println("engine: " + binary);
    ImageBuild build =
        new ImageBuild(
            cli,
            cli,
            app.clock(),
            line -> {
              err.println(line);
              err.flush();
            });
    try {
      print(build.run(options, github));
    } catch (PushFailedException e) {
      print(e.report());
      throw e;
    }
    return ExitCodes.OK;
  }

  private void print(ImageBuildReport report) {
    PrintWriter out = spec.commandLine().getOut();
    out.print(output.format().render(report.toDocument()));
    out.flush();
  }

  private ImageBuildOptions options(Map<String, String> env) {
    Path ctx = context.toAbsolutePath().normalize();
    SourceRevision git = SourceRevision.read(ctx);
    String user = orEnv(githubUsername, env, "GITHUB_USERNAME");
    String sha = orEnv(gitSha, env, "KUBEHERD_GIT_SHA");
    try {
      return ImageBuildOptions.builder()
          .context(ctx)
          .builderDockerfile(builderDockerfile)
          .runtimeDockerfile(runtimeDockerfile)
          .builderScripts(builderScripts)
          .runtimeScripts(runtimeScripts)
          .repository(
              blank(repository)
                  ? git.defaultRepository(
                      Optional.ofNullable(orEnv(registry, env, "REGISTRY")), ctx)
                  : repository)
          .tag(blank(tag) ? git.defaultTag() : tag)
          .cacheTag(cacheTag)
          .tagScheme(TagScheme.of(tagScheme))
          .push(push)
          .pushCache(pushCache)
          .forceRebuild(forceRebuild)
          .incremental(incremental)
          .githubUsername(user)
          .githubToken(tokenSource())
          .sshDir(sshDir(env, user))
          .runtimeArtifact(runtimeArtifact)
          .gitSha(blank(sha) ? git.gitSha() : sha)
          .maxCacheLayers(maxCacheLayers)
          .maxCacheAge(maxCacheAge)
          .workDir(workDir == null ? Path.of(System.getProperty("java.io.tmpdir")) : workDir)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private GithubTokenSource tokenSource() {
    if (!blank(token.ssmParameter)) {
      return new GithubTokenSource.FromSsm(token.ssmParameter);
    }
    return new GithubTokenSource.FromEnv(
        blank(token.variable) ? GithubTokenSource.DEFAULT_ENV : token.variable);
  }

  /** {@code --ssh-dir}, else {@code ~/.ssh} when there is one and no GitHub user name. */
  private Path sshDir(Map<String, String> env, String user) {
    if (noSsh) {
      if (sshDir != null) {
        throw new IllegalArgumentException("--ssh-dir and --no-ssh contradict each other");
      }
      return null;
    }
    if (sshDir != null || !blank(user)) {
      return sshDir;
    }
    String home = env.get("HOME");
    Path dotSsh = blank(home) ? null : Path.of(home, ".ssh");
    return dotSsh != null && Files.isDirectory(dotSsh) ? dotSsh : null;
  }

  private static Optional<GithubCredentials> github(
      ImageBuildOptions options, Map<String, String> env) {
    return options
        .githubUsername()
        .map(
            user ->
                new GithubCredentials(
                    user, options.githubToken().read(env, new SsmSecretReader(env))));
  }

  /** The flag's value, else the variable's (flag > environment > default). */
  private static String orEnv(String flag, Map<String, String> env, String variable) {
    return blank(flag) ? env.get(variable) : flag;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
