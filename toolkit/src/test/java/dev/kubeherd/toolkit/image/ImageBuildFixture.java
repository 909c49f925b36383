package dev.kubeherd.toolkit.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared setup of the {@link ImageBuild} tests: a project ({@link TestProject}), an SSH
 * directory, a work directory and an engine in memory ({@link FakeEngine}), with helpers to run a
 * build and find the containers it made.
 */
abstract class ImageBuildFixture {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String TOKEN = "ghp_unitTokenValue42";

  @TempDir Path tmp;
  Path project;
  Path sshDir;
  Path work;
  final FakeEngine engine = new FakeEngine();
  final List<String> progress = new ArrayList<>();
  ImageNames names;

  @BeforeEach
  void aProject() throws IOException {
    project = TestProject.write(tmp.resolve("app"), "busybox", "deps-1");
    sshDir = Files.createDirectories(tmp.resolve("ssh"));
    Files.writeString(sshDir.resolve("id_ed25519"), "PRIVATE-KEY-BYTES\n");
    work = Files.createDirectories(tmp.resolve("work"));
    names = options().build().names();
  }

  ImageBuildOptions.Builder options() {
    return ImageBuildOptions.builder()
        .context(project)
        .repository("registry.example.com/team/app")
        .tag("v2")
        .gitSha("3f2c1d0")
        .sshDir(sshDir)
        .workDir(work);
  }

  ImageBuildReport build(ImageBuildOptions.Builder options) {
    return new ImageBuild(engine, engine, Clock.fixed(NOW, ZoneOffset.UTC), progress::add)
        .run(options.build(), Optional.of(new GithubCredentials("bot", TOKEN)));
  }

  /** The name of the (first) container made from {@code image}. */
  String containerOf(String image) {
    return engine.created.stream()
        .filter(s -> s.image().equals(image))
        .map(ContainerSpec::name)
        .findFirst()
        .orElse("<no container from " + image + ">");
  }

  ContainerSpec spec(String container) {
    return engine.created.stream()
        .filter(s -> s.name().equals(container))
        .findFirst()
        .orElseThrow();
  }
}
