package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Deciding from a container's diff and its exported file system (real tars of GNU tar, in its own
 * and the PAX format, read by Commons Compress) which changed paths hold a secret value ({@link
 * LayerScan}).
 */
class LayerScanTest {
  static final String TOKEN = "ghp_layerScanToken0123456789abcdef";
  static final String TOKEN_NAME = "the GitHub token from $GITHUB_TOKEN";
  static final SecretMatcher MATCHER =
      new SecretMatcher(List.of(SecretValue.ofText(TOKEN_NAME, TOKEN)));

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix"})
  void aChangedFileHoldingTheTokenIsFoundAndAnUnchangedOneIsNot(String format) throws Exception {
    Path root = root();
    write(root.resolve("root/.git-credentials"), "https://bot:" + TOKEN + "@github.com\n");
    write(root.resolve("etc/base-image-file"), TOKEN);
    write(root.resolve("deps/count"), "2\n");

    LayerScan scan =
        scan(
            List.of("A /root", "A /root/.git-credentials", "C /deps", "C /deps/count", "D /old"),
            TarFixture.of(root, format));

    assertThat(scan.findings())
        .containsExactly(new LayerScan.Finding("/root/.git-credentials", Set.of(TOKEN_NAME)));
    assertThat(scan.entriesScanned()).isEqualTo(4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix"})
  void aFileDeepBelowAnAddedDirectoryWithALongPathIsFound(String format) throws Exception {
    Path root = root();
    String deep = "app/" + "vendor-bundle-".repeat(6) + "/gems/" + "x".repeat(60) + "/config.ini";
    write(root.resolve(deep), "[github]\ntoken = " + TOKEN + "\n");

    LayerScan scan = scan(List.of("A /app"), TarFixture.of(root, format));

    assertThat(deep.length()).isGreaterThan(155);
    assertThat(scan.findings()).extracting(LayerScan.Finding::path).containsExactly("/" + deep);
  }

  @Test
  void aLinkToTheTokenANameHoldingItAndAHardLinkToALeakAreFoundWithThePathRedacted()
      throws Exception {
    Path root = root();
    Path leak = write(root.resolve("srv/leak.txt"), TOKEN);
    Files.createLink(root.resolve("srv/again.txt"), leak);
    Files.createSymbolicLink(root.resolve("srv/link"), Path.of("/x/" + TOKEN));
    write(root.resolve("srv/cache-" + TOKEN), "harmless");

    LayerScan scan = scan(List.of("A /srv"), TarFixture.of(root, "gnu"));

    assertThat(scan.findings())
        .extracting(LayerScan.Finding::path)
        .containsExactlyInAnyOrder(
            "/srv/leak.txt", "/srv/again.txt", "/srv/link", "/srv/cache-***");
    assertThat(scan.findings().toString()).doesNotContain(TOKEN);
  }

  @Test
  void aTokenAcrossTheBoundaryOfTwoReadsOfABigFileIsFound() throws Exception {
    Path root = root();
    write(
        root.resolve("app/big.log"),
        ".".repeat(SecretMatcher.CHUNK - TOKEN.length() / 2) + TOKEN + "\n");

    LayerScan scan = scan(List.of("C /app", "A /app/big.log"), TarFixture.of(root, "posix"));

    assertThat(scan.findings()).extracting(LayerScan.Finding::path).containsExactly("/app/big.log");
  }

  @Test
  void anExportWithoutSecretsFindsNothingButCountsTheChangedPaths() throws Exception {
    Path root = root();
    write(root.resolve("deps/deps.txt"), "rails-7.1\n");

    LayerScan scan = scan(List.of("A /deps", "A /deps/deps.txt"), TarFixture.of(root, "gnu"));

    assertThat(scan.findings()).isEmpty();
    assertThat(scan.changedInDiff()).isEqualTo(2);
    assertThat(scan.entriesScanned()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gnu", "posix"})
  void aTokenInASparseFileIsFound(String format) throws Exception {
    Path root = root();
    Path file = write(root.resolve("var/log/lastlog"), "");
    try (var f = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      f.write(java.nio.ByteBuffer.wrap(TOKEN.getBytes()), 600_000);
      f.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 1_048_575);
    }
    byte[] tar = TarFixture.of(root, format, "--sparse");

    LayerScan scan = scan(List.of("C /var/log/lastlog"), tar);

    assertThat(tar.length).isLessThan(100_000);
    assertThat(scan.findings())
        .extracting(LayerScan.Finding::path)
        .containsExactly("/var/log/lastlog");
  }

  @Test
  void anEmptyStreamOrArchiveHasNoEntries() throws Exception {
    assertThat(scan(List.of("A /x"), new byte[0]).entriesScanned()).isZero();
    assertThat(scan(List.of("A /x"), new byte[1024]).entriesScanned()).isZero();
  }

  @Test
  void aStreamThatIsNotATarIsAnError() {
    byte[] garbage = ("not a tar " + "z".repeat(600)).getBytes();
    byte[] shortText = "Error: no such container\n".getBytes();

    assertThatThrownBy(() -> scan(List.of("A /x"), garbage))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a tar stream");
    assertThatThrownBy(() -> scan(List.of("A /x"), shortText))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a tar stream");
  }

  @Test
  void aTarWhoseFirstHeaderHasAWrongChecksumIsNotATar() throws Exception {
    Path root = root();
    write(root.resolve("app/file"), "x");
    byte[] tar = TarFixture.of(root, "gnu");
    tar[148] = (byte) (tar[148] == '1' ? '2' : '1');

    assertThatThrownBy(() -> scan(List.of("A /app"), tar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a tar stream");
  }

  @Test
  void aTarWithADamagedLaterHeaderIsAnError() throws Exception {
    Path root = root();
    write(root.resolve("app/file"), "x");
    byte[] tar = TarFixture.of(root, "gnu");
    // the third header (./app/file): a size that is no octal number
    System.arraycopy("zzzzzzzzzzz".getBytes(), 0, tar, 2 * 512 + 124, 11);

    assertThatThrownBy(() -> scan(List.of("A /app"), tar))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a tar stream");
  }

  @Test
  void aTarCutOffInsideAnUnchangedFileIsAnError() throws Exception {
    Path root = root();
    write(root.resolve("app/file"), "y".repeat(5000));
    byte[] tar = TarFixture.of(root, "posix");
    int content = new String(tar, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("yyyy");
    byte[] cut = java.util.Arrays.copyOf(tar, content + 1000);

    assertThatThrownBy(() -> scan(List.of("A /other"), cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended inside an entry");
  }

  @Test
  void aTarCutOffInsideAFileIsAnError() throws Exception {
    Path root = root();
    write(root.resolve("app/file"), "y".repeat(5000));
    byte[] tar = TarFixture.of(root, "gnu");
    byte[] cut = java.util.Arrays.copyOf(tar, 3 * 512);

    assertThatThrownBy(() -> scan(List.of("A /app"), cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended inside an entry");
  }

  private Path root() throws IOException {
    return Files.createDirectories(tmp.resolve("rootfs"));
  }

  private static LayerScan scan(List<String> diff, byte[] tar) throws IOException {
    LayerScan scan = new LayerScan(diff, MATCHER);
    scan.read(new ByteArrayInputStream(tar));
    return scan;
  }

  private static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
