package dev.kubeherd.toolkit.image;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything {@code kubeherd build dockerimage} was asked to do, validated once (paths are checked
 * for existence later, by {@link BuildInputs}, with their own exit code). Build with {@link
 * #builder()}.
 *
 * @param context the source directory (copied to {@code /tmp/src}; the base images' build context)
 * @param repository e.g. {@code registry.example.com/team/app}
 * @param runtimeArtifact absolute container path of the artifact the runtime {@code assemble} makes
 * @param workDir where the run's private temporary directory (secrets, artifact) is made; with a
 *     remote engine (a mounted docker socket) the engine's host must see it at the same path
 */
public record ImageBuildOptions(
    Path context,
    Path builderDockerfile,
    Path runtimeDockerfile,
    Path builderScripts,
    Path runtimeScripts,
    String repository,
    String tag,
    String cacheTag,
    TagScheme tagScheme,
    boolean push,
    boolean pushCache,
    boolean forceRebuild,
    boolean incremental,
    Optional<String> githubUsername,
    GithubTokenSource githubToken,
    Optional<Path> sshDir,
    String runtimeArtifact,
    String gitSha,
    CacheGuard guard,
    Path workDir) {

  public static final String DEFAULT_BUILDER_DOCKERFILE = "deploy/Dockerfile.builder";
  public static final String DEFAULT_RUNTIME_DOCKERFILE = "deploy/Dockerfile.runtime";
  public static final String DEFAULT_BUILDER_SCRIPTS = "deploy/s2i/builder";
  public static final String DEFAULT_RUNTIME_SCRIPTS = "deploy/s2i/runtime";
  public static final String DEFAULT_RUNTIME_ARTIFACT = "root/src/app.tar.gz";

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final Pattern REPOSITORY =
      Pattern.compile(
          "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]+)?/)?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  private static final int MAX_TAG = 128;

  public ImageBuildOptions {
    Objects.requireNonNull(tagScheme, "tagScheme");
    Objects.requireNonNull(githubToken, "githubToken");
    Objects.requireNonNull(guard, "guard");
    check(
        REPOSITORY.matcher(repository).matches(),
        "--repository must be [HOST[:PORT]/]NAME[/NAME…] with lower-case names, not '"
            + repository
            + "'");
    check(
        TAG.matcher(tag).matches() && ("builder-" + tag).length() <= MAX_TAG,
        "--tag must be letters, digits, '_', '.' and '-' (at most 120), not '" + tag + "'");
    check(
        TAG.matcher(cacheTag).matches()
            && ("builder-" + "0".repeat(32) + "-" + cacheTag).length() <= MAX_TAG,
        "--cache-tag must be letters, digits, '_', '.' and '-' (at most 86), not '"
            + cacheTag
            + "'");
    check(
        !runtimeArtifact.isBlank()
            && !runtimeArtifact.endsWith("/")
            && runtimeArtifact.startsWith("/"),
        "--runtime-artifact must name a file in the container, not '" + runtimeArtifact + "'");
    check(!gitSha.isBlank(), "the git sha must not be blank");
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The names this build reads and writes, from the Dockerfiles' md5s. */
  public ImageNames names() {
    return ImageNames.of(
        repository,
        tag,
        cacheTag,
        tagScheme,
        ContentHash.md5(builderDockerfile),
        ContentHash.md5(runtimeDockerfile));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults as documented for the flags; relative defaults are under the context. */
  public static final class Builder {
    private Path context = Path.of(".");
    private Path builderDockerfile;
    private Path runtimeDockerfile;
    private Path builderScripts;
    private Path runtimeScripts;
    private String repository;
    private String tag = "dev";
    private String cacheTag = "cache";
    private TagScheme tagScheme = TagScheme.MONO;
    private boolean push;
    private boolean pushCache;
    private boolean forceRebuild;
    private boolean incremental;
    private String githubUsername;
    private GithubTokenSource githubToken =
        new GithubTokenSource.FromEnv(GithubTokenSource.DEFAULT_ENV);
    private Path sshDir;
    private String runtimeArtifact = DEFAULT_RUNTIME_ARTIFACT;
    private String gitSha = "unknown";
    private int maxCacheLayers = CacheGuard.DEFAULT_MAX_LAYERS;
    private Duration maxCacheAge = CacheGuard.DEFAULT_MAX_AGE;
    private Path workDir = Path.of(System.getProperty("java.io.tmpdir"));

    public Builder context(Path v) {
      context = v;
      return this;
    }

    /**
     * Relative to the working directory; unset means {@code deploy/Dockerfile.builder} in the
     * context.
     */
    public Builder builderDockerfile(Path v) {
      builderDockerfile = v;
      return this;
    }

    public Builder runtimeDockerfile(Path v) {
      runtimeDockerfile = v;
      return this;
    }

    public Builder builderScripts(Path v) {
      builderScripts = v;
      return this;
    }

    public Builder runtimeScripts(Path v) {
      runtimeScripts = v;
      return this;
    }

    public Builder repository(String v) {
      repository = v;
      return this;
    }

    public Builder tag(String v) {
      tag = v;
      return this;
    }

    public Builder cacheTag(String v) {
      cacheTag = v;
      return this;
    }

    public Builder tagScheme(TagScheme v) {
      tagScheme = v;
      return this;
    }

    public Builder push(boolean v) {
      push = v;
      return this;
    }

    public Builder pushCache(boolean v) {
      pushCache = v;
      return this;
    }

    public Builder forceRebuild(boolean v) {
      forceRebuild = v;
      return this;
    }

    public Builder incremental(boolean v) {
      incremental = v;
      return this;
    }

    public Builder githubUsername(String v) {
      githubUsername = v;
      return this;
    }

    public Builder githubToken(GithubTokenSource v) {
      githubToken = v;
      return this;
    }

    public Builder sshDir(Path v) {
      sshDir = v;
      return this;
    }

    public Builder runtimeArtifact(String v) {
      runtimeArtifact = v;
      return this;
    }

    public Builder gitSha(String v) {
      gitSha = v;
      return this;
    }

    public Builder maxCacheLayers(int v) {
      maxCacheLayers = v;
      return this;
    }

    public Builder maxCacheAge(Duration v) {
      maxCacheAge = v;
      return this;
    }

    public Builder workDir(Path v) {
      workDir = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the flag when a value is invalid
     */
    public ImageBuildOptions build() {
      Path ctx = context.toAbsolutePath().normalize();
      if (repository == null || repository.isBlank()) {
        throw new IllegalArgumentException("give the image repository with --repository");
      }
      return new ImageBuildOptions(
          ctx,
          orDefault(builderDockerfile, ctx, DEFAULT_BUILDER_DOCKERFILE),
          orDefault(runtimeDockerfile, ctx, DEFAULT_RUNTIME_DOCKERFILE),
          orDefault(builderScripts, ctx, DEFAULT_BUILDER_SCRIPTS),
          orDefault(runtimeScripts, ctx, DEFAULT_RUNTIME_SCRIPTS),
          repository.strip(),
          tag == null || tag.isBlank() ? "dev" : tag.strip(),
          cacheTag,
          tagScheme,
          push,
          pushCache,
          forceRebuild,
          incremental,
          Optional.ofNullable(githubUsername).map(String::strip).filter(s -> !s.isEmpty()),
          githubToken,
          Optional.ofNullable(sshDir).map(p -> p.toAbsolutePath().normalize()),
          "/" + stripLeadingSlashes(runtimeArtifact == null ? "" : runtimeArtifact.strip()),
          gitSha == null || gitSha.isBlank() ? "unknown" : gitSha.strip(),
          new CacheGuard(maxCacheLayers, maxCacheAge),
          workDir.toAbsolutePath().normalize());
    }

    private static Path orDefault(Path given, Path context, String fallback) {
      return (given == null ? context.resolve(fallback) : given.toAbsolutePath()).normalize();
    }

    private static String stripLeadingSlashes(String path) {
      int i = 0;
      while (i < path.length() && path.charAt(i) == '/') {
        i++;
      }
      return path.substring(i);
    }
  }
}
