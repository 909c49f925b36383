package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Revision;
import dev.kubeherd.testsupport.git.GitSshServer;
import dev.kubeherd.testsupport.git.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local builds of a project whose cloneURL needs the project's credentials, as v1's git sidecar
 * uses them: the sshKey (written by brig with {@code $} for newlines) against an embedded SSH git
 * server that accepts only that key, and initGitSubmodules.
 */
class SshSourceCheckoutTest {
  @TempDir Path dir;
  WorkerHarness harness;
  GitSshServer server;
  KeyPair deployKey;
  RevCommit appCommit;

  @BeforeEach
  void setUp() throws Exception {
    Path served = dir.resolve("served");
    deployKey = SshKeys.ecdsa();
    server = new GitSshServer(served, List.of(deployKey.getPublic()));
    commit(served.resolve("lib"), "lib.txt", "from the submodule\n");
    try (Git app = init(served.resolve("app"))) {
      Files.writeString(
          served.resolve("app/brigade.js"), "console.log('script from the ssh repository');\n");
      app.add().addFilepattern("brigade.js").call();
      // added from the file system, then pointed at the SSH server as a user's .gitmodules is
      app.submoduleAdd().setPath("lib").setURI(served.resolve("lib").toUri().toString()).call();
      Files.writeString(
          served.resolve("app/.gitmodules"),
          "[submodule \"lib\"]\n\tpath = lib\n\turl = " + server.url("lib") + "\n");
      app.add().addFilepattern(".gitmodules").call();
      appCommit = commit(app, "with a submodule");
    }
    harness =
        new WorkerHarness(dir.resolve("home"))
            .with("cloneURL", server.url("app"))
            .with("repository", "github.com/kubeherd/test-project");
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aLocalBuildClonesAnSshCloneUrlWithTheProjectsSshKey() throws Exception {
    harness.with("sshKey", brigStyle(SshKeys.openSsh(deployKey)));

    var run = harness.runAt("push", Revision.ofRef("refs/heads/master"));

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("script from the ssh repository");
    try (Git checkout = Git.open(src(run).toFile())) {
      assertThat(checkout.getRepository().resolve("HEAD")).isEqualTo(appCommit.getId());
    }
  }

  @Test
  void aRefusedSshKeyFailsNamingTheSettingButNotTheKey() throws Exception {
    String wrongKey = SshKeys.openSsh(SshKeys.ecdsa());
    harness.with("sshKey", brigStyle(wrongKey));

    var run = harness.runAt("push", Revision.ofRef("refs/heads/master"));

    assertThat(run.succeeded()).isFalse();
    String bodyLine = keyBodyLine(wrongKey);
    assertThat(run.status().message())
        .contains("refused the project's sshKey")
        .doesNotContain(bodyLine);
    assertThat(run.log()).contains("check that the project's sshKey").doesNotContain(bodyLine);
  }

  @Test
  void anSshKeyThatIsNoPrivateKeyFailsSayingSoWithoutTheValue() {
    String notAKey = "-----BEGIN OPENSSH PRIVATE KEY-----$bm90IGEga2V5IGF0IGFsbA==$";
    harness.with("sshKey", notAKey);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("the project's sshKey is not a usable private key")
        .doesNotContain("bm90IGEga2V5IGF0IGFsbA");
  }

  @Test
  void anSshCertWithoutAnSshKeyIsNotUsedAndTheLogSaysSo() throws Exception {
    harness.with("sshCert", "ecdsa-sha2-nistp256-cert-v01@openssh.com AAAAtest");

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.log())
        .contains("the project's sshCert is not used")
        .contains("the project has no sshKey")
        .doesNotContain("AAAAtest");
  }

  @Test
  void submodulesAreCheckedOutOnlyWhenInitGitSubmodulesIsTrue() throws Exception {
    harness.with("sshKey", brigStyle(SshKeys.openSsh(deployKey)));

    var without = harness.runAt("push", Revision.ofRef("master"));
    harness.with("initGitSubmodules", "true");
    var with = harness.runAt("push", Revision.ofRef("master"));

    assertThat(without.succeeded()).as(without.log()).isTrue();
    assertThat(src(without).resolve("lib/lib.txt")).doesNotExist();
    assertThat(with.succeeded()).as(with.log()).isTrue();
    assertThat(src(with).resolve("lib/lib.txt")).hasContent("from the submodule");
  }

  @Test
  void theSshKeyIsWrittenNowhereInTheBuildsFiles() throws Exception {
    String key = SshKeys.openSsh(deployKey);
    harness.with("sshKey", brigStyle(key)).with("initGitSubmodules", "true");

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).as(run.log()).isTrue();
    String bodyLine = keyBodyLine(key);
    try (Stream<Path> files = Files.walk(harness.home.buildDir(run.buildId()))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(f)).as(f.toString()).asString().doesNotContain(bodyLine);
      }
    }
  }

  private Path src(WorkerHarness.Run run) {
    return harness.home.buildDir(run.buildId()).resolve("src");
  }

  /** As {@code brig project create} stores a key: newlines as {@code $}. */
  private static String brigStyle(String key) {
    return key.replace("\n", "$");
  }

  /** A line from the middle of the key's base64 body: what must never show up. */
  private static String keyBodyLine(String key) {
    List<String> body = key.lines().filter(l -> !l.startsWith("-----")).toList();
    return body.get(body.size() / 2);
  }

  private static Git init(Path repo) throws Exception {
    return Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call();
  }

  private static void commit(Path repo, String file, String content) throws Exception {
    try (Git git = init(repo)) {
      Files.writeString(repo.resolve(file), content);
      git.add().addFilepattern(file).call();
      commit(git, "add " + file);
    }
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    return git.commit()
        .setMessage(message)
        .setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com")
        .call();
  }
}
