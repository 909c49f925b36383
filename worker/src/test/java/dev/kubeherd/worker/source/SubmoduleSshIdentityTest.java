package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.testsupport.git.GitSshServer;
import dev.kubeherd.testsupport.git.SshKeys;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local mode checks out in the user's own process: a pull request's .gitmodules naming an SSH
 * server other than the cloneURL's must not be fetched with the user's ~/.ssh identity. Here the
 * user's home (JGit's {@link FS#userHome()}, restored afterwards) holds a default key {@code
 * id_ecdsa} and a known_hosts entry for a second server that authorises exactly that key.
 */
class SubmoduleSshIdentityTest {
  @TempDir Path dir;
  KeyPair projectKey;
  GitSshServer origin;
  GitSshServer otherHost;
  File previousUserHome;

  @BeforeEach
  void serveTheOriginAndAnotherHostThatTrustsTheUsersKey() throws Exception {
    projectKey = SshKeys.ecdsa();
    KeyPair usersKey = SshKeys.ecdsa();
    origin = new GitSshServer(dir.resolve("origin"), List.of(projectKey.getPublic()));
    otherHost = new GitSshServer(dir.resolve("other"), List.of(usersKey.getPublic()));
    previousUserHome = FS.DETECTED.userHome();
    FS.DETECTED.setUserHome(usersHome(usersKey).toFile());
  }

  @AfterEach
  void stop() throws Exception {
    FS.DETECTED.setUserHome(previousUserHome);
    origin.close();
    otherHost.close();
  }

  @Test
  void aSubmoduleOnAnotherSshHostIsNotOfferedTheUsersDefaultKeyAndItsFailureNamesIt()
      throws Exception {
    RevCommit lib = commit(dir.resolve("other/private"), "secret.txt");
    appWithSubmodule(dir.resolve("origin/app"), otherHost.url("private"), lib);
    CheckoutSettings settings = new CheckoutSettings(SshKeys.openSsh(projectKey), "", "", true);
    Path checkout = dir.resolve("checkout");

    Throwable failure =
        catchThrowable(
            () ->
                new GitCheckout(line -> {})
                    .checkout(origin.url("app"), Revision.ofRef("master"), settings, checkout));

    assertThat(checkout.resolve("private/secret.txt")).doesNotExist();
    assertThat(failure)
        .isInstanceOf(KubeherdException.class)
        .hasMessageContaining(
            "submodule 'private' (ssh://git@127.0.0.1:" + otherHost.port() + "/private)")
        .hasMessageContaining("only to the cloneURL's host");
  }

  /** A home whose ~/.ssh has {@code key} as default identity and trusts the other host. */
  private Path usersHome(KeyPair key) throws Exception {
    Path ssh = Files.createDirectories(dir.resolve("user-home/.ssh"));
    Path identity = ssh.resolve("id_ecdsa");
    Files.writeString(identity, SshKeys.openSsh(key));
    Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(ssh.resolve("known_hosts"), otherHost.knownHostsLine() + "\n");
    return dir.resolve("user-home");
  }

  private static void appWithSubmodule(Path repo, String url, RevCommit lib) throws Exception {
    try (Git app = init(repo)) {
      Files.writeString(
          repo.resolve(".gitmodules"),
          "[submodule \"private\"]\n\tpath = private\n\turl = " + url + "\n");
      app.add().addFilepattern(".gitmodules").call();
      GitCommands.run(
          repo,
          "git",
          "update-index",
          "--add",
          "--cacheinfo",
          "160000," + lib.getName() + ",private");
      commit(app);
    }
  }

  private static RevCommit commit(Path repo, String file) throws Exception {
    try (Git git = init(repo)) {
      Files.writeString(repo.resolve(file), "private\n");
      git.add().addFilepattern(file).call();
      return commit(git);
    }
  }

  private static Git init(Path repo) throws Exception {
    return Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call();
  }

  private static RevCommit commit(Git git) throws Exception {
    return git.commit()
        .setMessage("commit")
        .setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com")
        .call();
  }
}
