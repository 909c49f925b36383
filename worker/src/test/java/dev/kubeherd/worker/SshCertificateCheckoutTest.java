package dev.kubeherd.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Revision;
import dev.kubeherd.testsupport.git.GitSshServer;
import dev.kubeherd.testsupport.git.SshKeys;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.sshd.certificate.OpenSshCertificateBuilder;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local builds against an SSH git server that trusts only user certificates signed by its CA (as an
 * OpenSSH server with {@code TrustedUserCAKeys} and no authorized keys): the checkout presents the
 * project's {@code sshCert} with its {@code sshKey}, as v1's vcs-sidecar does.
 */
class SshCertificateCheckoutTest {
  @TempDir Path dir;
  WorkerHarness harness;
  GitSshServer server;
  KeyPair ca;
  KeyPair deployKey;
  RevCommit commit;

  @BeforeEach
  void setUp() throws Exception {
    Path served = dir.resolve("served");
    ca = SshKeys.ecdsa();
    deployKey = SshKeys.ecdsa();
    server = GitSshServer.trustingUserCa(served, ca.getPublic());
    commit =
        SshProjectFixture.repoWithScript(
            served.resolve("app"), "console.log('certified checkout');\n");
    harness = SshProjectFixture.projectWithKey(dir.resolve("home"), server.url("app"), deployKey);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aCaOnlyServerServesTheProjectsSshKeyPresentedWithItsSshCert() throws Exception {
    String cert = SshKeys.certificateLine(SshKeys.userCertificate(deployKey, ca, "git"));
    harness.with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).as(run.log()).isTrue();
    assertThat(run.log()).contains("certified checkout");
    try (Git checkout = Git.open(src(run).toFile())) {
      assertThat(checkout.getRepository().resolve("HEAD")).isEqualTo(commit.getId());
    }
  }

  @Test
  void anEd25519SshKeyIsPresentedWithItsEd25519Certificate() throws Exception {
    String keyText = ed25519KeyText();
    KeyPair ed25519 =
        SecurityUtils.loadKeyPairIdentities(
                null,
                NamedResource.ofName("test key"),
                new ByteArrayInputStream(keyText.getBytes(StandardCharsets.UTF_8)),
                null)
            .iterator()
            .next();
    String cert = SshKeys.certificateLine(SshKeys.userCertificate(ed25519, ca, "git"));
    harness.with("sshKey", keyText.replace("\n", "$")).with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(cert).startsWith("ssh-ed25519-cert-v01@openssh.com ");
    assertThat(run.succeeded()).as(run.log()).isTrue();
  }

  @Test
  void theSshCertIsNeitherLoggedNorWrittenInTheBuildsFiles() throws Exception {
    String cert = SshKeys.certificateLine(SshKeys.userCertificate(deployKey, ca, "git"));
    harness.with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).as(run.log()).isTrue();
    String body = certBody(cert);
    assertThat(run.log()).doesNotContain(body);
    try (Stream<Path> files = Files.walk(harness.home.buildDir(run.buildId()))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readAllBytes(f)).as(f.toString()).asString().doesNotContain(body);
      }
    }
  }

  @Test
  void aCaOnlyServerRefusesTheSshKeyAloneAndTheFailureNamesSshCert() {
    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("refused the project's sshKey")
        .contains("set the project's sshCert");
  }

  @Test
  void aCertificateFromAnotherCaIsRefusedNamingSshKeyAndSshCert() throws Exception {
    String cert =
        SshKeys.certificateLine(SshKeys.userCertificate(deployKey, SshKeys.ecdsa(), "git"));
    harness.with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("refused the project's sshKey and sshCert")
        .doesNotContain(certBody(cert));
  }

  @Test
  void anSshCertOfAnotherKeyIsLeftOutAndTheRefusalSaysWhyWithoutItsValue() throws Exception {
    String cert = SshKeys.certificateLine(SshKeys.userCertificate(SshKeys.ecdsa(), ca, "git"));
    harness.with("sshCert", cert);

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("refused the project's sshKey, offered alone")
        .contains("sshCert could not be used: it does not certify the project's sshKey")
        .doesNotContain(certBody(cert));
    assertThat(run.log()).doesNotContain(certBody(cert));
  }

  @Test
  void anExpiredSshCertIsLeftOutAndTheRefusalSaysWhenItWasValid() throws Exception {
    OpenSshCertificate expired =
        OpenSshCertificateBuilder.userCertificate()
            .publicKey(deployKey.getPublic())
            .id("expired@test")
            .principals(List.of("git"))
            .validAfter(Instant.parse("2020-01-01T00:00:00Z"))
            .validBefore(Instant.parse("2021-01-01T00:00:00Z"))
            .sign(ca);
    harness.with("sshCert", SshKeys.certificateLine(expired));

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("refused the project's sshKey, offered alone")
        .contains("sshCert could not be used: it is not valid now")
        .contains("before 2021-01-01T00:00:00Z");
  }

  @Test
  void aPlainPublicKeyAsSshCertIsLeftOutAndTheRefusalNamesTheSetting() throws Exception {
    harness.with("sshCert", PublicKeyEntry.toString(deployKey.getPublic()));

    var run = harness.runAt("push", Revision.ofRef("master"));

    assertThat(run.succeeded()).isFalse();
    assertThat(run.status().message())
        .contains("sshCert could not be used: it is not a usable OpenSSH user certificate")
        .contains("not a certificate");
  }

  /**
   * The ed25519 key made once with {@code ssh-keygen -t ed25519} (the JDK cannot write that
   * format), a test resource that guards nothing.
   */
  private static String ed25519KeyText() throws Exception {
    try (InputStream in =
        SshCertificateCheckoutTest.class.getResourceAsStream("test_deploy_key_ed25519")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Path src(WorkerHarness.Run run) {
    return harness.home.buildDir(run.buildId()).resolve("src");
  }

  /** The certificate's base64 blob: what must never show up. */
  private static String certBody(String certLine) {
    return certLine.split(" ")[1];
  }
}
