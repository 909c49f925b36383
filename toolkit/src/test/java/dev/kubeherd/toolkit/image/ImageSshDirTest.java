package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link BuildSecrets} copies the SSH directory mounted at {@code /root/.ssh}. */
class ImageSshDirTest {
  static final String KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAAkeybody\n";

  @TempDir Path tmp;
  final List<String> warnings = new ArrayList<>();

  @Test
  void aKubernetesSecretVolumeGivesItsKeysAsPrivateFilesWithoutTheVolumesOwnEntries()
      throws IOException {
    // kubelet's layout: each key a link into ..data, itself a link to ..<timestamp>/
    Path ssh = Files.createDirectories(tmp.resolve("ssh"));
    Path data = Files.createDirectories(ssh.resolve("..2026_11_26_00_00_00.123456789"));
    Files.writeString(data.resolve("id_ed25519"), KEY);
    Files.writeString(data.resolve("known_hosts"), "github.com ssh-ed25519 AAAA\n");
    Files.createSymbolicLink(ssh.resolve("..data"), data.getFileName());
    Files.createSymbolicLink(ssh.resolve("id_ed25519"), Path.of("..data/id_ed25519"));
    Files.createSymbolicLink(ssh.resolve("known_hosts"), Path.of("..data/known_hosts"));

    try (BuildSecrets secrets = prepare(ssh)) {
      Path mounted = secrets.mounts().getFirst().source();
      assertThat(names(mounted)).containsExactly("id_ed25519", "known_hosts");
      assertThat(mounted.resolve("id_ed25519")).isRegularFile().hasContent(KEY);
      assertThat(Files.isSymbolicLink(mounted.resolve("id_ed25519"))).isFalse();
      assertThat(Files.getPosixFilePermissions(mounted.resolve("id_ed25519")))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(mounted.resolve("known_hosts")).hasContent("github.com ssh-ed25519 AAAA");
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void aLinkOutOfTheSshDirectoryIsSkippedWithAWarning() throws IOException {
    Path ssh = Files.createDirectories(tmp.resolve("home/.ssh"));
    Files.writeString(ssh.resolve("id_ed25519"), KEY);
    Path outside = Files.writeString(tmp.resolve("home/credentials"), "not for the build\n");
    Files.createSymbolicLink(ssh.resolve("config"), Path.of("../credentials"));
    Files.createSymbolicLink(ssh.resolve("id_rsa"), Path.of("missing"));

    try (BuildSecrets secrets = prepare(ssh)) {
      Path mounted = secrets.mounts().getFirst().source();
      assertThat(names(mounted)).containsExactly("id_ed25519");
    }
    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "skipping "
                + ssh.resolve("config")
                + " of the SSH directory: it links to "
                + outside.toRealPath()
                + ", outside the directory",
            "skipping " + ssh.resolve("id_rsa") + " of the SSH directory: the link leads nowhere");
  }

  @Test
  void aDirectoryLinkSortedBeforeItsTargetLeavesBothPlacesCopied() throws IOException {
    // ~/.ssh/config says IdentityFile ~/.ssh/keys/id_deploy; current -> keys is listed first
    Path ssh = Files.createDirectories(tmp.resolve("ssh"));
    Files.writeString(Files.createDirectories(ssh.resolve("keys")).resolve("id_deploy"), KEY);
    Files.createSymbolicLink(ssh.resolve("current"), Path.of("keys"));

    try (BuildSecrets secrets = prepare(ssh)) {
      Path mounted = secrets.mounts().getFirst().source();
      assertThat(names(mounted))
          .containsExactly("current", "current/id_deploy", "keys", "keys/id_deploy");
      assertThat(mounted.resolve("keys/id_deploy")).hasContent(KEY);
      assertThat(mounted.resolve("current/id_deploy")).hasContent(KEY);
    }
    assertThat(warnings).isEmpty();
  }

  @Test
  void aLinkToADirectoryAroundItIsSkippedWithAWarningInsteadOfLooping() throws IOException {
    Path ssh = Files.createDirectories(tmp.resolve("ssh"));
    Path keys = Files.createDirectories(ssh.resolve("keys"));
    Files.writeString(keys.resolve("id_deploy"), KEY);
    Files.createSymbolicLink(keys.resolve("up"), Path.of(".."));

    try (BuildSecrets secrets = prepare(ssh)) {
      Path mounted = secrets.mounts().getFirst().source();
      assertThat(names(mounted)).containsExactly("keys", "keys/id_deploy");
    }
    assertThat(warnings)
        .containsExactly(
            "skipping "
                + ssh.resolve("keys/up")
                + " of the SSH directory: it links to "
                + ssh.toRealPath()
                + ", a directory that contains it");
  }

  private BuildSecrets prepare(Path ssh) {
    return BuildSecrets.prepare(
        tmp.resolve("work"), Optional.empty(), Optional.of(ssh), warnings::add);
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> !p.equals(dir))
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
