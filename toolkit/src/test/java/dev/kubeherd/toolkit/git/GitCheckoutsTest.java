package dev.kubeherd.toolkit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions, shallow fetches and re-used directories, from a local repository over file://. */
class GitCheckoutsTest {
  @TempDir Path tmp;
  OriginRepo origin;
  final List<String> log = new ArrayList<>();
  GitCheckouts checkouts;

  @BeforeEach
  void origin() throws Exception {
    origin = new OriginRepo(tmp.resolve("origin"));
    checkouts = new GitCheckouts(tmp.resolve("scratch"), log::add);
  }

  @AfterEach
  void close() {
    origin.close();
  }

  GitCheckout checkout(String revision) {
    return checkouts.checkout(
        GitSource.of(origin.url(), revision, GitAuth.none()),
        tmp.resolve("work-" + revision.hashCode()));
  }

  @Test
  void emptyRevisionChecksOutTheRemoteHead() throws Exception {
    GitCheckout c = checkout("");

    assertThat(c.commit()).isEqualTo(origin.c3.name());
    assertThat(Files.readString(c.dir().resolve("README.md"))).isEqualTo("three\n");
  }

  @Test
  void branchNameAndFullBranchRefResolveToTheBranchTip() {
    assertThat(checkout("feature").commit()).isEqualTo(origin.c4.name());
    assertThat(checkout("feature").ref()).isEqualTo("refs/heads/feature");
    assertThat(checkout("refs/heads/feature").commit()).isEqualTo(origin.c4.name());
  }

  @Test
  void annotatedTagResolvesToItsCommit() {
    GitCheckout c = checkout("v1.0");

    assertThat(c.commit()).isEqualTo(origin.c1.name());
    assertThat(c.ref()).isEqualTo("refs/tags/v1.0");
  }

  @Test
  void pullRequestRefIsFetchedByName() {
    assertThat(checkout("refs/pull/1/head").commit()).isEqualTo(origin.c5.name());
  }

  @Test
  void shaOfABranchTipAnOlderCommitAndAnAbbreviationAllWork() {
    assertThat(checkout(origin.c4.name()).commit()).isEqualTo(origin.c4.name());
    assertThat(checkout(origin.c2.name()).commit()).isEqualTo(origin.c2.name());
    assertThat(checkout(origin.c2.name().substring(0, 10)).commit()).isEqualTo(origin.c2.name());
  }

  @Test
  void worktreeIsDetachedAtTheCommitWithTheRightContent() throws Exception {
    GitCheckout c = checkout(origin.c2.name());

    try (Git git = Git.open(c.dir().toFile())) {
      assertThat(git.getRepository().getFullBranch()).isEqualTo(origin.c2.name());
      assertThat(git.status().call().isClean()).isTrue();
    }
    assertThat(Files.readString(c.dir().resolve("README.md"))).isEqualTo("two\n");
    assertThat(c.dir().resolve("feature.txt")).doesNotExist();
  }

  @Test
  void unknownRevisionFailsNamingItAndTheBranches() {
    assertThatThrownBy(() -> checkout("no-such-branch"))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("no branch, tag or commit 'no-such-branch' in " + origin.url())
        .hasMessageContaining("(branches: feature, main)")
        .satisfies(e -> assertThat(((GitAccessException) e).exitCode()).isEqualTo(3));
  }

  @Test
  void unknownShaFailsAfterTheFullFetch() {
    assertThatThrownBy(() -> checkout("0123456789abcdef0123456789abcdef01234567"))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining(
            "no branch, tag or commit '0123456789abcdef0123456789abcdef01234567'");
  }

  @Test
  void depthOneFetchesOnlyTheTipCommit() throws Exception {
    GitCheckout c =
        checkouts.checkout(
            GitSource.of(origin.url(), "main", GitAuth.none()).withDepth(1),
            tmp.resolve("shallow"));

    assertThat(c.commit()).isEqualTo(origin.c3.name());
    assertThat(c.dir().resolve(".git/shallow")).exists();
    try (Git git = Git.open(c.dir().toFile())) {
      assertThat(git.log().call()).hasSize(1);
    }
  }

  @Test
  void secondCheckoutIntoTheSameDirectoryFetchesNewCommitsAndCleans() throws Exception {
    Path dir = tmp.resolve("reused");
    GitSource main = GitSource.of(origin.url(), "main", GitAuth.none());
    checkouts.checkout(main, dir);
    Files.writeString(dir.resolve("left-over.secrets.yaml"), "decrypted: x\n");
    var c6 = origin.commit("README.md", "six\n");

    GitCheckout again = checkouts.checkout(main, dir);

    assertThat(again.commit()).isEqualTo(c6.name());
    assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("six\n");
    assertThat(dir.resolve("left-over.secrets.yaml")).doesNotExist();
  }

  @Test
  void directoryWithAnotherRepositoryOrOtherFilesIsRefused() throws Exception {
    Path dir = tmp.resolve("other");
    try (Git other = Git.init().setDirectory(dir.toFile()).call()) {
      other
          .remoteAdd()
          .setName("origin")
          .setUri(new org.eclipse.jgit.transport.URIish("file:///elsewhere"))
          .call();
    }
    Path files = Files.createDirectories(tmp.resolve("files"));
    Files.writeString(files.resolve("x"), "x");
    GitSource main = GitSource.of(origin.url(), "main", GitAuth.none());

    assertThatThrownBy(() -> checkouts.checkout(main, dir))
        .hasMessageContaining("already holds a clone of another repository");
    assertThatThrownBy(() -> checkouts.checkout(main, files)).hasMessageContaining("is not empty");
  }

  @Test
  void deployKeyWithAnHttpsUrlAndTokenWithAnSshUrlAreRefused() {
    GitAuth key = GitAuth.sshKey(SshDeployKey.of("x", "test"), HostKeys.acceptAny());
    GitAuth token = GitAuth.token(HttpsToken.of("x-access-token", "t0ken", "test"));

    assertThatThrownBy(
            () -> checkouts.checkout(GitSource.of("https://github.com/o/r.git", "", key), tmp))
        .hasMessageContaining("a deploy key needs an ssh:// or git@host:org/repo URL");
    assertThatThrownBy(
            () -> checkouts.checkout(GitSource.of("git@github.com:o/r.git", "", token), tmp))
        .hasMessageContaining("a token is only sent over https://");
    assertThatThrownBy(
            () -> checkouts.checkout(GitSource.of("http://github.com/o/r.git", "", token), tmp))
        .hasMessageContaining("a token is only sent over https://, got http://github.com/o/r.git");
  }
}
