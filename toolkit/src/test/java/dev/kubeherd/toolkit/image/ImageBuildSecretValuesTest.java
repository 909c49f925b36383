package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A builder {@code assemble} that writes a secret value it was given into an ordinary file: the
 * builder container's changes are scanned before commit ({@link
 * BuildContainer#checkNoSecretValues}) and such a build fails with nothing committed or pushed.
 */
class ImageBuildSecretValuesTest extends ImageBuildFixture {
  static final String ASSEMBLE = "/tmp/scripts/assemble";

  @Test
  void aTokenTheBuilderWroteIntoAFileFailsTheBuildWithNothingCommittedOrPushed() throws Exception {
    builderLeaves(
        List.of("A /root", "A /root/.git-credentials"),
        "root/.git-credentials",
        "https://bot:" + TOKEN + "@github.com\n");

    assertThatThrownBy(() -> build(options().push(true).pushCache(true)))
        .isInstanceOfSatisfying(
            SecretInLayerException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ImageExitCodes.STEP_FAILED);
              assertThat(e.getMessage())
                  .contains("refusing to commit it as " + names.builderOutput())
                  .contains("/root/.git-credentials holds the GitHub token from $GITHUB_TOKEN")
                  .contains("Read a secret where it is mounted (/tmp/github, /root/.ssh)")
                  .doesNotContain(TOKEN);
              assertThat(e.paths()).containsExactly("/root/.git-credentials");
            });
    assertThat(engine.calls("commit")).isEmpty();
    assertThat(engine.calls("push")).isEmpty();
    assertThat(engine.local).doesNotContainKeys(names.builderOutput(), names.finalImage());
    assertThat(engine.containers).isEmpty();
    assertThat(work).isEmptyDirectory();
    assertThat(progress).noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void anSshKeyCopiedIntoAConfigFileIsFoundByItsFileButACopiedKnownHostsIsNot() throws Exception {
    String knownHosts =
        "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n";
    Files.writeString(sshDir.resolve("known_hosts"), knownHosts);
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    write(rootfs.resolve("app/config.ini"), "[deploy]\nkey = PRIVATE-KEY-BYTES\n");
    write(rootfs.resolve("etc/ssh/ssh_known_hosts"), knownHosts);
    engine.diffs.put(
        ASSEMBLE,
        List.of(
            "A /app", "A /app/config.ini", "C /etc", "A /etc/ssh", "A /etc/ssh/ssh_known_hosts"));
    engine.exports.put(ASSEMBLE, TarFixture.of(rootfs, "posix"));

    assertThatThrownBy(() -> build(options()))
        .isInstanceOfSatisfying(
            SecretInLayerException.class,
            e -> {
              assertThat(e.paths()).containsExactly("/app/config.ini");
              assertThat(e.secrets())
                  .containsExactly("the SSH directory's file " + sshDir.resolve("id_ed25519"));
              assertThat(e.getMessage()).doesNotContain("PRIVATE-KEY-BYTES");
            });
    assertThat(engine.calls("commit")).isEmpty();
  }

  @Test
  void aBuilderThatLeavesItsSecretsInTheMountsIsScannedOnceAndCommitted() throws Exception {
    builderLeaves(List.of("A /deps", "A /deps/count"), "deps/count", "1\n");

    build(options());

    assertThat(engine.calls("export"))
        .containsExactly("export " + containerOf(names.builderCache()));
    assertThat(engine.calls("commit")).hasSize(2);
    assertThat(progress)
        .contains(
            "  no secret value in the 2 changed paths (looked for the GitHub token from"
                + " $GITHUB_TOKEN, the SSH directory's file "
                + sshDir.resolve("id_ed25519")
                + ")");
  }

  @Test
  void anExportThatHoldsNoneOfTheDiffsPathsIsRefusedAsUncheckable() {
    engine.diffs.put(ASSEMBLE, List.of("A /deps", "A /deps/count"));

    assertThatThrownBy(() -> build(options()))
        .isInstanceOf(ImageBuildException.class)
        .hasMessageContaining("holds none of the 2 paths its diff lists")
        .hasMessageContaining("refusing to commit");
    assertThat(engine.calls("commit")).isEmpty();
  }

  @Test
  void withoutSecretsNothingIsExported() {
    new ImageBuild(engine, engine, Clock.fixed(NOW, ZoneOffset.UTC), progress::add)
        .run(options().sshDir(null).build(), Optional.empty());

    assertThat(engine.calls("export")).isEmpty();
    assertThat(engine.calls("commit")).hasSize(2);
  }

  private void builderLeaves(List<String> diff, String file, String content) throws Exception {
    Path rootfs = Files.createDirectories(tmp.resolve("rootfs"));
    write(rootfs.resolve(file), content);
    engine.diffs.put(ASSEMBLE, diff);
    engine.exports.put(ASSEMBLE, TarFixture.of(rootfs, "gnu"));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
