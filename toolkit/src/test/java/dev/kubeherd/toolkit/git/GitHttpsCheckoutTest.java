package dev.kubeherd.toolkit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.RefUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git over smart HTTP with a token, against a loopback stand-in for GitHub's endpoint (JGit's
 * UploadPack behind basic auth; plain HTTP, which the client allows only for loopback).
 */
class GitHttpsCheckoutTest {
  static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

  @TempDir Path tmp;
  OriginRepo origin;
  GitHttpServer server;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void serve() throws Exception {
    origin = new OriginRepo(tmp.resolve("served/app"));
    server = new GitHttpServer(tmp.resolve("served"), HttpsToken.GITHUB_USER, TOKEN);
  }

  @AfterEach
  void stop() {
    server.close();
    origin.close();
  }

  GitCheckout checkout(String token, Path dir) {
    GitAuth auth =
        GitAuth.token(HttpsToken.of(HttpsToken.GITHUB_USER, token, "SSM parameter /gh-token"));
    return new GitCheckouts(tmp.resolve("scratch"), log::add)
        .checkout(GitSource.of(server.url("app"), "v1.0", auth), dir);
  }

  @Test
  void tokenClonesAndIsKeptOutOfTheCheckout() throws Exception {
    GitCheckout c = checkout(TOKEN, tmp.resolve("work"));

    assertThat(c.commit()).isEqualTo(origin.c1.name());
    assertThat(server.authorizations).isNotEmpty();
    try (Stream<Path> files = Files.walk(c.dir().resolve(".git"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(f)).asString().as(f.toString()).doesNotContain(TOKEN);
      }
    }
    assertThat(log).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void wrongTokenFailsNamingWhereTheTokenCameFrom() {
    assertThatThrownBy(() -> checkout("ghs_revoked", tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("fetching " + server.url("app") + " at v1.0 failed")
        .hasMessageContaining("the server refused the token from SSM parameter /gh-token")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghs_revoked"));
  }

  @Test
  void noCredentialsForAProtectedRepositorySaysSo() {
    assertThatThrownBy(
            () ->
                new GitCheckouts(tmp.resolve("scratch"), log::add)
                    .checkout(
                        GitSource.of(server.url("app"), "", GitAuth.none()), tmp.resolve("w")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("needs credentials");
  }

  @Test
  void tokenNeverShowsInToString() {
    HttpsToken token = HttpsToken.of(HttpsToken.GITHUB_USER, TOKEN, "SSM parameter /p");

    assertThat(token.toString()).isEqualTo("HttpsToken[x-access-token, SSM parameter /p]");
    assertThat(GitAuth.token(token).toString()).doesNotContain(TOKEN);
  }

  GitCheckout checkoutSha(String sha, Path dir) {
    GitAuth auth =
        GitAuth.token(HttpsToken.of(HttpsToken.GITHUB_USER, TOKEN, "SSM parameter /gh-token"));
    return new GitCheckouts(tmp.resolve("scratch"), log::add)
        .checkout(GitSource.of(server.url("app"), sha, auth), dir);
  }

  @Test
  void aShaWhoseBranchMovesOnBetweenLsRemoteAndFetchIsCheckedOutAsThatCommit() throws Exception {
    String sha = origin.c4.name();
    server.afterFirstAdvertisement =
        () -> {
          origin.git.checkout().setName("feature").call();
          return origin.commit("feature.txt", "moved on\n");
        };

    GitCheckout c = checkoutSha(sha, tmp.resolve("work"));

    assertThat(c.commit()).isEqualTo(sha);
    assertThat(c.ref()).isEqualTo(sha);
    assertThat(Files.readString(c.dir().resolve("feature.txt"))).isEqualTo("feature\n");
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("refs/heads/feature of " + server.url("app") + " has moved on to ")
                    .endsWith("; checking out " + sha + " itself"));
  }

  @Test
  void aShaThatIsGoneFromTheRemoteByTheFetchFailsNamingIt() {
    String sha = origin.c4.name();
    server.afterFirstAdvertisement =
        () -> {
          RefUpdate reset = origin.git.getRepository().updateRef("refs/heads/feature");
          reset.setNewObjectId(origin.c3);
          return reset.forceUpdate();
        };

    assertThatThrownBy(() -> checkoutSha(sha, tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageStartingWith("no branch, tag or commit '" + sha + "' in " + server.url("app"))
        .satisfies(e -> assertThat(((GitAccessException) e).exitCode()).isEqualTo(3));
    assertThat(tmp.resolve("work/feature.txt")).doesNotExist();
  }
}
