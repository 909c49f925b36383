package dev.kubeherd.toolkit.image;

import dev.kubeherd.toolkit.tools.ShutdownCleanup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * {@code kubeherd build dockerimage}: the commit-strategy two-stage build of toolkit doc §2.1 and
 * §4, step by step. Every container it makes is removed and its private temporary directory
 * (secrets, artifact) deleted when it ends, whether it succeeded or not, or was stopped (SIGTERM,
 * Ctrl-C: the running engine command is stopped first). Cache images are tagged locally after every
 * successful build (so the next local build reuses them) and pushed with {@code --push-cache}; all
 * pushes come after both stages, caches first, so a push failure (exit code 3) leaves every image
 * built and local.
 */
public final class ImageBuild {
  private final Images images;
  private final Containers containers;
  private final Clock clock;
  private final Progress progress;

  /**
   * @param progress receives progress lines (steps, details, engine and script output)
   */
  public ImageBuild(Images images, Containers containers, Clock clock, Consumer<String> progress) {
    this.images = images;
    this.containers = containers;
    this.clock = clock;
    this.progress = new Progress(progress);
  }

  /**
   * Builds (and pushes, when asked).
   *
   * @param github the credentials mounted at {@code /tmp/github}, if any
   * @throws MissingInputException (2) for a missing Dockerfile, scripts directory or script
   * @throws StepFailedException (4) when a base image build or a script fails
   * @throws PushFailedException (3) when a push fails; the images stay local
   * @throws ImageBuildException (1) when an engine command fails otherwise
   */
  public ImageBuildReport run(ImageBuildOptions o, Optional<GithubCredentials> github) {
    BuildInputs.check(o, github.isPresent());
    ImageNames names = o.names();
    Instant now = clock.instant();
    progress.step(
        1,
        "names: "
            + names.finalImage()
            + " ("
            + o.tagScheme().name().toLowerCase(Locale.ROOT)
            + " scheme)");
    progress.detail("builder: base " + names.builderBase() + ", cache " + names.builderCache());
    progress.detail("runtime: base " + names.runtimeBase() + ", cache " + names.runtimeCache());
    CacheResolver resolver = new CacheResolver(images, progress, o.forceRebuild());
    if (o.forceRebuild()) {
      progress.detail(
          "--force-rebuild: removing the local cache and base images; no cache is pulled");
      resolver.forget(names.builderCache(), names.builderBase());
      resolver.forget(names.runtimeCache(), names.runtimeBase());
    }
    Path runDir = runDir(o.workDir());
    ShutdownCleanup.Registration onStop =
        BuildSecrets.deleteOnStop("the build's directory " + runDir, runDir);
    try {
      Run run = new Run(o, names, now, resolver, runDir, containerPrefix(o.repository()));
      return push(o, names, run.build(github));
    } finally {
      onStop.close();
      BuildSecrets.delete(runDir);
    }
  }

  /** One build's state from the base images to the final image. */
  private final class Run {
    private final ImageBuildOptions o;
    private final ImageNames names;
    private final Instant now;
    private final CacheResolver resolver;
    private final Path runDir;
    private final String prefix;

    Run(
        ImageBuildOptions o,
        ImageNames names,
        Instant now,
        CacheResolver resolver,
        Path runDir,
        String prefix) {
      this.o = o;
      this.names = names;
      this.now = now;
      this.resolver = resolver;
      this.runDir = runDir;
      this.prefix = prefix;
    }

    ImageBuildReport build(Optional<GithubCredentials> github) {
      progress.step(2, "builder base");
      BaseImage builderBase =
          resolver.base(names.builderBase(), o.builderDockerfile(), o.context());
      progress.step(3, "builder start image");
      BuilderStage builder = new BuilderStage(containers, progress, o, names);
      Optional<Path> artifacts = Optional.empty();
      StartImage builderStart;
      if (o.incremental()) {
        artifacts = savedArtifacts(builder);
        builderStart =
            new StartImage(
                builderBase.image(),
                builderBase.info(),
                StartImage.Origin.BASE_INCREMENTAL,
                "",
                now);
      } else {
        builderStart = resolver.cache(names.builderCache(), builderBase, o.guard(), now);
      }
      progress.step(
          4, "builder run: assemble in " + builderStart.image() + " → " + names.builderOutput());
      Path source = SourceTar.write(o.context(), runDir);
      progress.detail("source: " + o.context() + " without .git");
      try (BuildSecrets secrets =
          BuildSecrets.prepare(
              runDir, github, o.githubToken().describe(), o.sshDir(), progress::detail)) {
        builder.run(
            prefix + "-builder",
            builderStart,
            secrets,
            source,
            artifacts,
            emptyDir(),
            labels(o.builderDockerfile(), builderStart));
      }
      ImageInfo builderOutput = inspected(names.builderOutput());

      progress.step(5, "runtime base");
      BaseImage runtimeBase =
          resolver.base(names.runtimeBase(), o.runtimeDockerfile(), o.context());
      progress.step(6, "runtime start image");
      StartImage runtimeStart = resolver.cache(names.runtimeCache(), runtimeBase, o.guard(), now);
      progress.step(
          7,
          "runtime run: assemble in "
              + names.builderOutput()
              + ", assemble-runtime in "
              + runtimeStart.image()
              + " → "
              + names.finalImage());
      Map<String, String> finalLabels = labels(o.runtimeDockerfile(), runtimeStart);
      new RuntimeStage(containers, progress, o, names)
          .run(
              prefix + "-assemble",
              prefix + "-runtime",
              runtimeStart,
              source,
              dir("artifact"),
              emptyDir(),
              finalLabels);
      ImageInfo finalImage = inspected(names.finalImage());

      progress.step(8, "cache tags and pushes");
      images.tag(names.builderOutput(), names.builderCache());
      images.tag(names.finalImage(), names.runtimeCache());
      progress.detail("tagged " + names.builderCache() + " and " + names.runtimeCache());
      return new ImageBuildReport(
          names,
          StageReport.of(builderBase, builderStart, names.builderOutput(), builderOutput),
          StageReport.of(runtimeBase, runtimeStart, names.finalImage(), finalImage),
          finalImage.id(),
          finalLabels,
          List.of());
    }

    private Optional<Path> savedArtifacts(BuilderStage builder) {
      Optional<ImageInfo> previous = resolver.previous(names.builderCache());
      if (previous.isEmpty()) {
        progress.detail(
            "incremental: no previous image " + names.builderCache() + "; no artifacts");
        return Optional.empty();
      }
      Path tar = runDir.resolve("artifacts.tar");
      progress.detail("incremental: save-artifacts of " + names.builderCache());
      builder.saveArtifacts(prefix + "-save-artifacts", names.builderCache(), tar);
      return Optional.of(tar);
    }

    private Map<String, String> labels(Path dockerfile, StartImage start) {
      return ImageLabels.of(o.gitSha(), now, ContentHash.md5(dockerfile), start.chainStarted());
    }

    private Path emptyDir() {
      return dir("empty");
    }

    private Path dir(String name) {
      try {
        return Files.createDirectories(runDir.resolve(name));
      } catch (IOException e) {
        throw new ImageBuildException(
            "cannot make " + runDir.resolve(name) + ": " + e.getMessage(), e);
      }
    }
  }

  private ImageBuildReport push(ImageBuildOptions o, ImageNames names, ImageBuildReport report) {
    List<String> order = new ArrayList<>();
    if (o.pushCache()) {
      order.add(names.builderCache());
      order.add(names.runtimeCache());
    }
    if (o.push()) {
      order.add(names.finalImage());
    }
    ImageBuildReport done = report;
    for (String image : order) {
      progress.detail("pushing " + image);
      try {
        images.push(image);
      } catch (ImageBuildException e) {
        throw new PushFailedException(
            e.getMessage()
                + "; the images are built and kept locally ("
                + names.finalImage()
                + ", "
                + names.builderCache()
                + ", "
                + names.runtimeCache()
                + "): push them once the registry is reachable",
            done);
      }
      done = done.withPushed(image);
    }
    return done;
  }

  private ImageInfo inspected(String image) {
    return images
        .inspect(image)
        .orElseThrow(
            () -> new ImageBuildException(image + " is not in the engine after committing it"));
  }

  private static Path runDir(Path workDir) {
    try {
      Files.createDirectories(workDir);
      return Files.createTempDirectory(
          workDir,
          "kubeherd-image-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot make a temporary directory in " + workDir + ": " + e.getMessage(), e);
    }
  }

  /** {@code kubeherd-<repository's last name>-<random>}: a valid, unique container name prefix. */
  static String containerPrefix(String repository) {
    String last = repository.substring(repository.lastIndexOf('/') + 1);
    String slug = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
    if (slug.length() > 40) {
      slug = slug.substring(0, 40);
    }
    return "kubeherd-"
        + slug
        + "-"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }
}
