package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.model.Revision;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's github.token goes only to the cloneURL's scheme, host and port: a pull request
 * whose .gitmodules names another server (here a second local HTTP server answering 401 Basic, as a
 * server fishing for credentials does) gets no token, and the failure names that submodule.
 */
class SubmoduleCredentialsTest {
  @TempDir Path dir;
  RefusingHttpServer other;

  @BeforeEach
  void serveAChallengingHost() throws Exception {
    other = new RefusingHttpServer();
  }

  @AfterEach
  void stop() {
    other.close();
  }

  @Test
  void aSubmoduleOnAnotherHostGetsNoTokenAndItsFailureNamesTheSubmodule() throws Exception {
    String submoduleUrl = other.url("attacker/lib.git");
    Path srv = dir.resolve("srv");
    servedRepositoryWithSubmodule(srv, submoduleUrl, "1111111111111111111111111111111111111111");
    CheckoutSettings settings = new CheckoutSettings("", "", HttpsTokenCheckoutTest.TOKEN, true);

    Throwable failure;
    try (StaticFileHttpServer origin = new StaticFileHttpServer(srv)) {
      failure =
          catchThrowable(
              () ->
                  new GitCheckout(line -> {})
                      .checkout(
                          origin.url("org/app.git"),
                          Revision.ofRef("master"),
                          settings,
                          dir.resolve("checkout")));
    }

    assertThat(other.authorizations()).isEmpty();
    assertThat(failure)
        .isInstanceOf(KubeherdException.class)
        .hasMessageContaining("submodule 'lib' (" + submoduleUrl + ")")
        .hasMessageContaining("only to the cloneURL's host")
        .hasMessageNotContaining("refused the project's github.token")
        .hasMessageNotContaining(HttpsTokenCheckoutTest.TOKEN);
  }

  @Test
  void aSubmoduleOnTheCloneUrlsHostGetsTheTokenAndIsCheckedOut() throws Exception {
    Path srv = dir.resolve("srv");
    String libCommit = servedRepository(srv, "lib");
    servedRepositoryWithSubmodule(srv, "../lib.git", libCommit);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (RepoTransport.TOKEN_USER + ":" + HttpsTokenCheckoutTest.TOKEN)
                        .getBytes(StandardCharsets.UTF_8));
    Path checkout = dir.resolve("checkout");

    try (StaticFileHttpServer origin = new StaticFileHttpServer(srv, basic)) {
      new GitCheckout(line -> {})
          .checkout(
              origin.url("org/app.git"),
              Revision.ofRef("master"),
              new CheckoutSettings("", "", HttpsTokenCheckoutTest.TOKEN, true),
              checkout);
    }

    assertThat(checkout.resolve("lib/lib.txt")).hasContent("lib");
  }

  /** A bare {@code org/<name>.git} with one commit adding {@code <name>.txt}; its SHA. */
  private String servedRepository(Path srv, String name) throws Exception {
    Path work = Files.createDirectories(dir.resolve(name + "-work"));
    GitCommands.run(work, "git", "init", "-q", "-b", "master");
    Files.writeString(work.resolve(name + ".txt"), name + "\n");
    GitCommands.run(work, "git", "add", name + ".txt");
    commit(work);
    serve(srv, work, name);
    return GitCommands.run(work, "git", "rev-parse", "HEAD");
  }

  /** A bare {@code org/app.git} whose master has a submodule {@code lib} at {@code url}. */
  private void servedRepositoryWithSubmodule(Path srv, String url, String libCommit)
      throws Exception {
    Path work = Files.createDirectories(dir.resolve("app-work"));
    GitCommands.run(work, "git", "init", "-q", "-b", "master");
    Files.writeString(
        work.resolve(".gitmodules"), "[submodule \"lib\"]\n\tpath = lib\n\turl = " + url + "\n");
    GitCommands.run(
        work, "git", "update-index", "--add", "--cacheinfo", "160000," + libCommit + ",lib");
    GitCommands.run(work, "git", "add", ".gitmodules");
    commit(work);
    serve(srv, work, "app");
  }

  private static void commit(Path work) throws Exception {
    GitCommands.run(
        work,
        "git",
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-q",
        "-m",
        "commit");
  }

  /** Serves {@code work} as the bare {@code org/<name>.git} under {@code srv}, for dumb HTTP. */
  private static void serve(Path srv, Path work, String name) throws Exception {
    Path bare = srv.resolve("org/" + name + ".git");
    GitCommands.run(work, "git", "clone", "-q", "--bare", work.toString(), bare.toString());
    GitCommands.run(bare, "git", "update-server-info");
  }
}
