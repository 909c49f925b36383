package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a build that wrote a secret into its files is told ({@link SecretInLayerException}). */
class SecretInLayerExceptionTest {
  static final String TOKEN_NAME = "the GitHub token from the SSM parameter /ci/github-token";
  static final String KEY_NAME = "the SSH directory's file /home/ci/.ssh/id_ed25519";

  @Test
  void theMessageNamesEachPathTheSecretsAndWhatToDoAndExitsWithFour() {
    SecretInLayerException e =
        new SecretInLayerException(
            "assemble (builder)",
            "registry.example.com/app:builder-v2",
            List.of(
                new LayerScan.Finding("/root/.git-credentials", Set.of(TOKEN_NAME)),
                new LayerScan.Finding("/app/config.ini", Set.of(TOKEN_NAME, KEY_NAME))),
            List.of("/tmp/github", "/root/.ssh"));

    assertThat(e.exitCode()).isEqualTo(ImageExitCodes.STEP_FAILED);
    assertThat(e).isInstanceOf(ImageBuildException.class);
    assertThat(e.getMessage())
        .startsWith(
            "assemble (builder) wrote secrets into the container's files; refusing to commit it"
                + " as registry.example.com/app:builder-v2 (nothing was committed or pushed):")
        .contains("\n  /root/.git-credentials holds " + TOKEN_NAME)
        .contains("\n  /app/config.ini holds " + TOKEN_NAME + " and " + KEY_NAME)
        .contains("Read a secret where it is mounted (/tmp/github, /root/.ssh)")
        .contains("a git credential helper that cats /tmp/github/token")
        .contains("or delete such a file before the step ends");
    assertThat(e.paths()).containsExactly("/root/.git-credentials", "/app/config.ini");
    assertThat(e.secrets()).containsExactly(TOKEN_NAME, KEY_NAME);
  }

  @Test
  void manyPathsAreListedUpToTwentyAndCounted() {
    List<LayerScan.Finding> findings = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      findings.add(new LayerScan.Finding("/app/copy-" + i, Set.of(KEY_NAME)));
    }

    SecretInLayerException e =
        new SecretInLayerException(
            "assemble (builder)", "app:builder-v2", findings, List.of("/root/.ssh"));

    assertThat(e.getMessage())
        .contains("/app/copy-19 holds")
        .doesNotContain("/app/copy-20 holds", "credential helper")
        .contains("… and 5 more paths");
    assertThat(e.paths()).hasSize(25);
  }
}
