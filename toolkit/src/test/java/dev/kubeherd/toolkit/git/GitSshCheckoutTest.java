package dev.kubeherd.toolkit.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.testsupport.git.GitSshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Git over SSH with a deploy key, against an embedded SSH server serving a repository made by the
 * test: the right key clones, a wrong key or host key fails clearly, and the key is never written
 * anywhere (scratch directory empty afterwards, success or failure).
 */
class GitSshCheckoutTest {
  @TempDir Path tmp;
  OriginRepo origin;
  GitSshServer server;
  KeyPair deployKey;
  String deployKeyText;
  Path scratch;
  final List<String> log = new ArrayList<>();

  @BeforeEach
  void serve() throws Exception {
    origin = new OriginRepo(tmp.resolve("served/app"));
    deployKeyText = TestKeys.ed25519Text();
    deployKey = TestKeys.ed25519();
    server = new GitSshServer(tmp.resolve("served"), List.of(deployKey.getPublic()));
    scratch = Files.createDirectories(tmp.resolve("scratch"));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    origin.close();
  }

  GitCheckout checkout(SshDeployKey key, HostKeys hosts, Path dir) {
    return new GitCheckouts(scratch, log::add)
        .checkout(GitSource.of(server.url("app"), "feature", GitAuth.sshKey(key, hosts)), dir);
  }

  Path knownHosts() throws Exception {
    return Files.writeString(tmp.resolve("known_hosts"), server.knownHostsLine() + "\n");
  }

  @Test
  void deployKeyFromMemoryClonesWithStrictHostKeyChecking() throws Exception {
    SshDeployKey key = SshDeployKey.of(deployKeyText, "SSM parameter /kubeherd/deploy-key");

    GitCheckout c = checkout(key, HostKeys.strict(knownHosts()), tmp.resolve("work"));

    assertThat(c.commit()).isEqualTo(origin.c4.name());
    assertThat(Files.readString(c.dir().resolve("feature.txt"))).isEqualTo("feature\n");
    assertThat(scratch).isEmptyDirectory();
    assertNoKeyMaterial(c.dir());
  }

  @Test
  void deployKeyFromAFileClonesAndIsNotCopied() throws Exception {
    KeyPair ec = TestKeys.ecdsa();
    server.close();
    server = new GitSshServer(tmp.resolve("served"), List.of(ec.getPublic()));
    Path keyFile = Files.writeString(tmp.resolve("id_deploy"), TestKeys.openSsh(ec));

    GitCheckout c =
        checkout(SshDeployKey.fromFile(keyFile), HostKeys.strict(knownHosts()), tmp.resolve("w"));

    assertThat(c.commit()).isEqualTo(origin.c4.name());
    assertThat(scratch).isEmptyDirectory();
    assertThat(c.dir().resolve(".git/config")).content().doesNotContain("id_deploy");
  }

  @Test
  void acceptingAnyHostKeyLogsItsFingerprint() {
    checkout(SshDeployKey.of(deployKeyText, "test"), HostKeys.acceptAny(), tmp.resolve("work"));

    assertThat(log)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("accepting host key SHA256:")
                    .contains("unchecked; pass --known-hosts to pin it"));
  }

  @Test
  void wrongKeyFailsNamingTheKeySourceAndLeavesNothingBehind() throws Exception {
    String wrong = TestKeys.openSsh(TestKeys.ecdsa());

    assertThatThrownBy(
            () ->
                checkout(
                    SshDeployKey.of(wrong, "SSM parameter /kubeherd/old-key"),
                    HostKeys.strict(knownHosts()),
                    tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("fetching " + server.url("app") + " at feature failed")
        .hasMessageContaining(
            "the server refused the deploy key from SSM parameter /kubeherd/old-key")
        .hasMessageContaining("add its public key to the repository as a deploy key")
        .satisfies(e -> assertThat(((GitAccessException) e).exitCode()).isEqualTo(3))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TestKeys.fingerprintLine(wrong)));
    assertThat(scratch).isEmptyDirectory();
    assertNoKeyMaterial(tmp.resolve("work"));
  }

  @Test
  void unknownHostKeyFailsWithStrictChecking() throws Exception {
    Path otherHosts =
        Files.writeString(
            tmp.resolve("other_known_hosts"),
            "[127.0.0.1]:"
                + server.port()
                + " "
                + "ssh-ed25519 "
                + "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n");

    assertThatThrownBy(
            () ->
                checkout(
                    SshDeployKey.of(deployKeyText, "test"),
                    HostKeys.strict(otherHosts),
                    tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("the host key of 127.0.0.1 is not in " + otherHosts);
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void aHostKeyMarkedRevokedIsRefusedEvenWhereAnotherLineListsIt() throws Exception {
    Path hosts =
        Files.writeString(
            tmp.resolve("known_hosts"),
            server.knownHostsLine() + "\n@revoked " + server.knownHostsLine() + "\n");

    assertThatThrownBy(
            () ->
                checkout(
                    SshDeployKey.of(deployKeyText, "test"),
                    HostKeys.strict(hosts),
                    tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("the host key of 127.0.0.1 is not in " + hosts)
        .hasMessageContaining("or is marked @revoked there");
    assertThat(tmp.resolve("work/feature.txt")).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void aCertAuthorityKeyIsNotTakenForTheHostKey() throws Exception {
    Path hosts =
        Files.writeString(
            tmp.resolve("known_hosts"), "@cert-authority " + server.knownHostsLine() + "\n");

    assertThatThrownBy(
            () ->
                checkout(
                    SshDeployKey.of(deployKeyText, "test"),
                    HostKeys.strict(hosts),
                    tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("the host key of 127.0.0.1 is not in " + hosts);
    assertThat(tmp.resolve("work/feature.txt")).doesNotExist();
  }

  @Test
  void keyThatIsNotAPrivateKeyFailsBeforeConnecting() {
    assertThatThrownBy(
            () ->
                checkout(
                    SshDeployKey.of("not a key", "file /tmp/x"),
                    HostKeys.acceptAny(),
                    tmp.resolve("work")))
        .isInstanceOf(GitAccessException.class)
        .hasMessageContaining("the deploy key from file /tmp/x is not a usable private key")
        .satisfies(e -> assertThat(((GitAccessException) e).exitCode()).isEqualTo(2));
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void missingKeyFileExitsTwo() {
    assertThatThrownBy(() -> SshDeployKey.fromFile(tmp.resolve("nope")))
        .hasMessageContaining("deploy key file " + tmp.resolve("nope") + " does not exist")
        .satisfies(e -> assertThat(((GitAccessException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void keyNeverShowsInToString() {
    SshDeployKey key = SshDeployKey.of(deployKeyText, "SSM parameter /p");

    assertThat(key.toString()).isEqualTo("SshDeployKey[SSM parameter /p]");
    assertThat(GitAuth.sshKey(key, HostKeys.acceptAny()).toString())
        .doesNotContain(TestKeys.fingerprintLine(deployKeyText));
  }

  /** No file under {@code dir} (nor the scratch dir, nor the log) holds a line of the key. */
  void assertNoKeyMaterial(Path dir) throws Exception {
    String secret = TestKeys.fingerprintLine(deployKeyText);
    assertThat(log).noneMatch(l -> l.contains(secret) || l.contains("PRIVATE KEY"));
    for (Path root : List.of(dir, scratch)) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
          assertThat(content).as(f.toString()).doesNotContain(secret).doesNotContain("PRIVATE KEY");
        }
      }
    }
  }
}
