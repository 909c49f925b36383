package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Revision;
import dev.kubeherd.testsupport.git.GitSshServer;
import dev.kubeherd.testsupport.git.SshKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local builds against an SSH git server that accepts the plain {@code sshKey} (as a GitHub deploy
 * key): an unusable {@code sshCert} is left out with a warning, and the key alone clones, as
 * OpenSSH (v1's vcs-sidecar) falls back to the plain key.
 */
class SshCertFallbackCheckoutTest {
  @TempDir Path dir;
  WorkerHarness harness;
  GitSshServer server;
  KeyPair deployKey;

  @BeforeEach
  void setUp() throws Exception {
    Path served = dir.resolve("served");
    deployKey = SshKeys.ecdsa();
    server = new GitSshServer(served, List.of(deployKey.getPublic()));
    SshProjectFixture.repoWithScript(served.resolve("app"), "console.log('plain key checkout');\n");
    harness = SshProjectFixture.projectWithKey(dir.resolve("home"), server.url("app"), deployKey);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void anExpiredSshCertIsLeftOutWithAWarningAndThePlainKeyClones() throws Exception {
    OpenSshCertificate expired =
        OpenSshCertificateBuilder.userCertificate()
            .publicKey(deployKey.getPublic())
            .id("expired@test")
            .principals(List.of("git"))
            .validAfter(Instant.parse("2020-01-01T00:00:00Z"))
            .validBefore(Instant.parse("2021-01-01T00:00:00Z"))
            .sign(SshKeys.ecdsa());
    String cert = SshKeys.certificateLine(expired);
    harness.with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).as(run.status().message()).isTrue();
    assertThat(run.log())
        .contains("plain key checkout")
        .contains("the project's sshCert is not used, the sshKey is offered alone")
        .contains("it is not valid now")
        .contains("before 2021-01-01T00:00:00Z")
        .doesNotContain(cert.split(" ")[1]);
  }

  @Test
  void anSshCertOfAnotherKeyIsLeftOutWithAWarningAndThePlainKeyClones() throws Exception {
    String cert =
        SshKeys.certificateLine(SshKeys.userCertificate(SshKeys.ecdsa(), SshKeys.ecdsa(), "git"));
    harness.with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).as(run.status().message()).isTrue();
    assertThat(run.log())
        .contains("plain key checkout")
        .contains("the project's sshCert is not used, the sshKey is offered alone")
        .contains("it does not certify the project's sshKey")
        .doesNotContain(cert.split(" ")[1]);
  }
}
