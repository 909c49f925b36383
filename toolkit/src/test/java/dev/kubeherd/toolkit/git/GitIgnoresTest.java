package dev.kubeherd.toolkit.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GitIgnores} against real work trees, compared with JGit's own status of real files. */
class GitIgnoresTest {
  @TempDir Path tmp;
  Path repo;

  @BeforeEach
  void init() throws Exception {
    repo = tmp.resolve("repo");
    Git.init().setDirectory(repo.toFile()).call().close();
    Files.createDirectories(repo.resolve("environments/test/app-infra"));
  }

  private Path target() {
    return repo.resolve("environments/test/app-infra/brigade-project.secrets.yaml");
  }

  @Test
  void aRootRuleIgnoresAPathThatDoesNotExistYet() throws Exception {
    Files.writeString(repo.resolve(".gitignore"), "# decrypted\n*.secrets.yaml\n");

    assertThat(GitIgnores.ignored(target())).contains(true);
    assertThat(GitIgnores.ignored(repo.resolve("environments/test/values.yaml"))).contains(false);
  }

  @Test
  void withoutAnyRuleNothingIsIgnored() throws Exception {
    assertThat(GitIgnores.ignored(target())).contains(false);
  }

  @Test
  void theDeepestGitignoreWinsIncludingANegation() throws Exception {
    Files.writeString(repo.resolve(".gitignore"), "*.secrets.yaml\n");
    Files.writeString(repo.resolve("environments/test/.gitignore"), "!brigade-project.*\n");

    assertThat(GitIgnores.ignored(target())).contains(false);
    assertThat(GitIgnores.ignored(repo.resolve("environments/test/app-infra/app.secrets.yaml")))
        .contains(true);
  }

  @Test
  void infoExcludeCountsWhenNoGitignoreDecides() throws Exception {
    Files.createDirectories(repo.resolve(".git/info"));
    Files.writeString(repo.resolve(".git/info/exclude"), "environments/**/*.secrets.yaml\n");

    assertThat(GitIgnores.ignored(target())).contains(true);
  }

  @Test
  void agreesWithJgitStatusOnceTheFileExists() throws Exception {
    Files.writeString(repo.resolve(".gitignore"), "environments/*/app-infra/*.secrets.yaml\n");
    Files.writeString(target(), "x: 1\n");
    Path other = Files.writeString(repo.resolve("environments/test/prod.secrets.yaml"), "x: 1\n");

    try (Git git = Git.open(repo.toFile())) {
      var status = git.status().call();
      assertThat(status.getIgnoredNotInIndex())
          .contains("environments/test/app-infra/brigade-project.secrets.yaml");
      assertThat(status.getUntracked()).contains("environments/test/prod.secrets.yaml");
    }
    assertThat(GitIgnores.ignored(target())).contains(true);
    assertThat(GitIgnores.ignored(other)).contains(false);
  }

  @Test
  void aPathOutsideAnyWorkTreeHasNoAnswer() throws Exception {
    assertThat(GitIgnores.ignored(tmp.resolve("elsewhere/a.secrets.yaml"))).isEmpty();
  }
}
