package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The flags of {@code kubeherd build dockerimage} as validated options, and their defaults. */
class ImageBuildOptionsTest {
  static final Path CONTEXT = Path.of("/work/app");

  ImageBuildOptions.Builder options() {
    return ImageBuildOptions.builder().context(CONTEXT).repository("registry.example.com/app");
  }

  @Test
  void defaultsFollowThePrototypeLayoutUnderTheContext() {
    ImageBuildOptions o = options().build();

    assertThat(o.builderDockerfile()).isEqualTo(CONTEXT.resolve("deploy/Dockerfile.builder"));
    assertThat(o.runtimeDockerfile()).isEqualTo(CONTEXT.resolve("deploy/Dockerfile.runtime"));
    assertThat(o.builderScripts()).isEqualTo(CONTEXT.resolve("deploy/s2i/builder"));
    assertThat(o.runtimeScripts()).isEqualTo(CONTEXT.resolve("deploy/s2i/runtime"));
    assertThat(o.tag()).isEqualTo("dev");
    assertThat(o.cacheTag()).isEqualTo("cache");
    assertThat(o.tagScheme()).isEqualTo(TagScheme.MONO);
    assertThat(o.runtimeArtifact()).isEqualTo("/root/src/app.tar.gz");
    assertThat(o.githubToken()).isEqualTo(new GithubTokenSource.FromEnv("GITHUB_TOKEN"));
    assertThat(o.guard()).isEqualTo(new CacheGuard(100, Duration.ofDays(30)));
    assertThat(o.githubUsername()).isEmpty();
    assertThat(o.gitSha()).isEqualTo("unknown");
  }

  @Test
  void givenPathsAreTakenFromTheWorkingDirectoryAndTheArtifactFromTheContainerRoot() {
    ImageBuildOptions o =
        options()
            .builderDockerfile(Path.of("/elsewhere/Dockerfile.b"))
            .runtimeArtifact("srv/out/app.tgz")
            .build();

    assertThat(o.builderDockerfile()).isEqualTo(Path.of("/elsewhere/Dockerfile.b"));
    assertThat(o.runtimeArtifact()).isEqualTo("/srv/out/app.tgz");
  }

  @Test
  void badNamesAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> options().repository("Registry.example.com/App").build())
        .hasMessageStartingWith("--repository must be");
    assertThatThrownBy(() -> options().repository(" ").build())
        .hasMessage("give the image repository with --repository");
    assertThatThrownBy(() -> options().tag("feature/x").build())
        .hasMessageStartingWith("--tag must be");
    assertThatThrownBy(() -> options().tag("x".repeat(121)).build())
        .hasMessageStartingWith("--tag must be");
    assertThatThrownBy(() -> options().cacheTag("-cache").build())
        .hasMessageStartingWith("--cache-tag must be");
    assertThatThrownBy(() -> options().runtimeArtifact("root/src/").build())
        .hasMessageStartingWith("--runtime-artifact must name a file");
    assertThatThrownBy(() -> options().maxCacheLayers(1).build())
        .hasMessageStartingWith("--max-cache-layers");
  }

  @Test
  void registriesWithPortsAndNestedRepositoriesAreFine() {
    assertThat(options().repository("127.0.0.1:5000/team/app-x").build().repository())
        .isEqualTo("127.0.0.1:5000/team/app-x");
    assertThat(options().repository("app").tag("v1").build().tag()).isEqualTo("v1");
  }

  @Test
  void theGithubTokenComesFromItsVariableOrFromSsm() {
    GithubTokenSource env = new GithubTokenSource.FromEnv("CI_GITHUB_TOKEN");
    GithubTokenSource ssm = new GithubTokenSource.FromSsm("/ci/github-token");

    assertThat(env.read(Map.of("CI_GITHUB_TOKEN", "ghp_1\n"), name -> null)).isEqualTo("ghp_1");
    assertThat(env.variable()).isEqualTo("CI_GITHUB_TOKEN");
    assertThat(ssm.read(Map.of(), name -> name.equals("/ci/github-token") ? "ghp_2" : null))
        .isEqualTo("ghp_2");
    assertThat(ssm.variable()).isEmpty();
    assertThatThrownBy(() -> env.read(Map.of(), name -> null))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageStartingWith("--github-username is given but $CI_GITHUB_TOKEN is empty");
    assertThatThrownBy(() -> ssm.read(Map.of(), name -> ""))
        .hasMessage("the SSM parameter /ci/github-token holds no GitHub token");
  }

  @Test
  void credentialsNeverShowTheToken() {
    assertThat(new GithubCredentials("bot", "ghp_secret").toString())
        .isEqualTo("GithubCredentials[username=bot, token=***]");
    assertThat(Optional.of(new GithubCredentials("bot", "ghp_secret")).toString())
        .doesNotContain("ghp_secret");
  }
}
