package dev.kubeherd.toolkit.image;

import static dev.kubeherd.toolkit.image.EngineProbe.podman;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the image-build ITs share: a project with a CI checkout's token in {@code .git/config}, an
 * SSH directory, podman (wrapped to log every call's arguments and environment) with the busybox
 * base image and the loopback registry of {@code bin/container-engine-setup}, and builds run on
 * them with the token handed over as the CLI does. Each IT class makes one, on its own repository.
 */
final class ImageBuildItProject {
  static final String RANDOM = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  static final String TOKEN = "ghp_it" + RANDOM + "TokenValue0123456789abcdef";
  static final String KEY_BODY = "b3BlbnNzaC1rZXktdjEAAAAA" + RANDOM + "ItPrivateKeyBody";
  private static final String ENGINE = "podman";

  final Path tmp;
  final String baseImage;
  final String registry;
  final String repository;
  final Path project;
  final Path sshDir;
  final Path engineLog;
  final CliEngine engine;
  private final List<String> madeImages = new ArrayList<>();

  private ImageBuildItProject(Path tmp, String repositorySuffix) throws IOException {
    this.tmp = tmp;
    baseImage = System.getenv("KUBEHERD_TEST_BASE_IMAGE");
    registry = System.getenv("KUBEHERD_TEST_REGISTRY");
    if (baseImage == null || baseImage.isBlank() || registry == null || registry.isBlank()) {
      throw new IllegalStateException(
          "KUBEHERD_TEST_BASE_IMAGE and KUBEHERD_TEST_REGISTRY are not set: run the tests with"
              + " bin/test, which runs bin/container-engine-setup and exports the variables it"
              + " prints (or eval \"$(bin/container-engine-setup)\" first)");
    }
    repository = registry + "/kubeherd-it/app-" + RANDOM + repositorySuffix;
    project = TestProject.write(tmp.resolve("app"), baseImage, "rails-7.1");
    Files.createDirectories(project.resolve(".git"));
    Files.writeString( // as a CI checkout leaves its token
        project.resolve(".git/config"),
        "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: bearer " + TOKEN + "\n");
    sshDir = Files.createDirectories(tmp.resolve("home/.ssh"));
    Files.writeString(
        sshDir.resolve("id_ed25519"),
        "-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + KEY_BODY
            + "\n-----END OPENSSH PRIVATE KEY-----\n");
    Files.writeString(sshDir.resolve("known_hosts"), "github.com ssh-ed25519 AAAAC3Nza\n");
    engineLog = tmp.resolve("engine-calls.log");
    Path podman = new EngineLocator(System.getenv(), p -> true).locate(Optional.of(ENGINE));
    engine = new CliEngine(recording(podman), engineEnvironment(), CliEngine.DEFAULT_TIMEOUT);
  }

  /**
   * @param repositorySuffix what sets this class's repository apart from the other ITs'
   */
  static ImageBuildItProject create(Path tmp, String repositorySuffix) throws IOException {
    return new ImageBuildItProject(tmp, repositorySuffix);
  }

  /** A client that logs each call's arguments and environment, then runs the real one. */
  private Path recording(Path podman) throws IOException {
    Path wrapper = tmp.resolve("bin/podman");
    TestProject.script(
        wrapper,
        "#!/bin/sh\n"
            + "{ printf 'argv:'; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; echo; env; } >> "
            + engineLog
            + "\nexec "
            + podman
            + " \"$@\"\n");
    return wrapper;
  }

  /** This process's environment as the CLI would see it (the token in it), without the secrets. */
  private static Map<String, String> engineEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("IT_GITHUB_TOKEN", TOKEN);
    env.put("ANOTHER_COPY_OF_THE_TOKEN", TOKEN);
    return EngineEnvironment.withoutSecrets(env, List.of("IT_GITHUB_TOKEN"), List.of(TOKEN));
  }

  ImageBuildOptions.Builder options(String tag) {
    return ImageBuildOptions.builder()
        .context(project)
        .repository(repository)
        .tag(tag)
        .gitSha("3f2c1d0")
        .githubUsername("kubeherd-bot")
        .githubToken(new GithubTokenSource.FromEnv("IT_GITHUB_TOKEN"))
        .sshDir(sshDir)
        .workDir(tmp.resolve("work"));
  }

  /** Runs a build as the CLI does, its progress lines into {@code lines}. */
  ImageBuildReport build(ImageBuildOptions.Builder options, List<String> lines) {
    ImageBuildOptions o = options.build();
    made(o.names());
    Optional<GithubCredentials> github =
        Optional.of(
            new GithubCredentials(
                "kubeherd-bot",
                o.githubToken().read(Map.of("IT_GITHUB_TOKEN", TOKEN), name -> null)));
    ImageBuild build =
        new ImageBuild(
            engine,
            engine,
            Clock.systemUTC(),
            line -> {
              lines.add(line);
              System.out.println(line);
            });
    return build.run(o, github);
  }

  /** Notes the images of {@code names} for {@link #removeImages}. */
  void made(ImageNames names) {
    madeImages.addAll(
        List.of(
            names.builderBase(),
            names.builderCache(),
            names.builderOutput(),
            names.runtimeBase(),
            names.runtimeCache(),
            names.finalImage()));
  }

  /** How many times the engine client was asked to push so far. */
  long pushes() throws IOException {
    return Files.readAllLines(engineLog).stream().filter(l -> l.startsWith("argv: [push]")).count();
  }

  void removeImages() throws Exception {
    if (!madeImages.isEmpty()) {
      List<String> rmi = new ArrayList<>(List.of("rmi", "-i"));
      rmi.addAll(new HashSet<>(madeImages));
      podman(rmi.toArray(String[]::new));
    }
  }
}
