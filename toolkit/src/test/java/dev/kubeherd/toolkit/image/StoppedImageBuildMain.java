package dev.kubeherd.toolkit.image;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code build dockerimage} in a JVM of its own, for {@link ImageBuildStopTest}: {@code CONTEXT
 * CLIENT WORK_DIR}, with GitHub credentials (so a token file is mounted) and the default engine
 * timeout.
 */
public final class StoppedImageBuildMain {
  private StoppedImageBuildMain() {}

  public static void main(String[] args) {
    CliEngine engine =
        new CliEngine(Path.of(args[1]), Map.of("PATH", "/usr/bin:/bin"), CliEngine.DEFAULT_TIMEOUT);
    new ImageBuild(engine, engine, Clock.systemUTC(), System.out::println)
        .run(
            ImageBuildOptions.builder()
                .context(Path.of(args[0]))
                .repository("registry.example.com/team/app")
                .workDir(Path.of(args[2]))
                .build(),
            Optional.of(new GithubCredentials("bot", ImageBuildStopTest.TOKEN)));
  }
}
