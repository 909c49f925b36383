package dev.kubeherd.toolkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decrypted secrets: 0600, never logged, gone on every path; sops through a stand-in. */
class SecretFilesTest {
  static final String PLAINTEXT = "githubToken: ghp_plaintext_value\n";

  @TempDir Path tmp;
  Path scratch;
  StandIns standIns;
  final List<String> output = new CopyOnWriteArrayList<>();
  SopsDecryptor sops;
  Path repo;

  @BeforeEach
  void stage() throws Exception {
    scratch = tmp.resolve("scratch");
    standIns = new StandIns(tmp.resolve("bin"));
    sops =
        new SopsDecryptor(
            new ToolRunner(
                Map.of("PATH", standIns.bin + ":/usr/bin:/bin"),
                ExternalTool::command,
                output::add));
    repo = Files.createDirectories(tmp.resolve("repo/environments/test")).toRealPath();
    Files.writeString(repo.resolve("brigade-project.secrets.yaml.enc"), "sops: {encrypted: yes}\n");
  }

  @Test
  void privateFilesAre0600InA0700DirectoryAndGoneAfterClose() throws Exception {
    Path file;
    Path dir;
    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      dir = secrets.dir();
      file = secrets.write("values.secrets.yaml", PLAINTEXT.getBytes(StandardCharsets.UTF_8));

      assertThat(file).hasContent(PLAINTEXT).hasParent(dir);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
      assertThat(dir).hasParent(scratch);
    }
    assertThat(file).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
  }

  @Test
  void sopsDecryptsBesideTheEncryptedFileWithExplicitYamlTypes() throws Exception {
    standIns.add("sops", "printf '" + PLAINTEXT.replace("\n", "\\n") + "'; echo 'decrypted' >&2");
    Path enc = repo.resolve("brigade-project.secrets.yaml.enc");
    Path target = repo.resolve("brigade-project.secrets.yaml");

    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      sops.decrypt(enc, target, secrets);

      assertThat(target).hasContent(PLAINTEXT);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
          .isEqualTo("rw-------");
    }

    assertThat(standIns.argv("sops"))
        .containsExactly(
            "--decrypt", "--input-type", "yaml", "--output-type", "yaml", enc.toString());
    assertThat(standIns.cwd("sops")).isEqualTo(repo);
    assertThat(target).doesNotExist();
    assertThat(enc).exists();
    assertThat(scratch).isEmptyDirectory();
    assertThat(output).contains("[sops] decrypted").noneMatch(l -> l.contains("ghp_plaintext"));
  }

  @Test
  void sopsFailureLeavesNoPlaintextAndReportsItsErrorOutput() throws Exception {
    standIns.add(
        "sops",
        "printf 'partial: ghp_plaintext_value'; echo 'Failed to get the data key' >&2; exit 128");
    Path target = repo.resolve("brigade-project.secrets.yaml");

    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      assertThatThrownBy(
              () -> sops.decrypt(repo.resolve("brigade-project.secrets.yaml.enc"), target, secrets))
          .isInstanceOf(ToolFailedException.class)
          .hasMessageContaining("failed with exit code 128:\n  Failed to get the data key")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("ghp_plaintext"));
    }

    assertThat(target).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
    assertThat(output).noneMatch(l -> l.contains("ghp_plaintext"));
  }

  @Test
  void existingPlaintextIsNeitherOverwrittenNorDeleted() throws Exception {
    Path target = Files.writeString(repo.resolve("brigade-project.secrets.yaml"), "mine\n");

    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      assertThatThrownBy(() -> secrets.writeAt(target, "other".getBytes()))
          .isInstanceOf(ToolkitException.class)
          .hasMessageContaining("already exists")
          .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(4));
    }

    assertThat(target).hasContent("mine\n");
  }

  @Test
  void namesThatLeaveThePrivateDirectoryAreRefused() {
    try (SecretFiles secrets = SecretFiles.open(scratch)) {
      assertThatThrownBy(() -> secrets.write("../escape.yaml", new byte[0]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(scratch.resolve("escape.yaml")).doesNotExist();
  }

  @Test
  void noSecretIsWrittenOnceTheShutdownHookShreddedThem() throws Exception {
    ShutdownCleanup cleanup = new ShutdownCleanup();
    SecretFiles secrets = SecretFiles.open(scratch, cleanup);
    Path target = repo.resolve("brigade-project.secrets.yaml");

    // SIGTERM just after sops' output was captured: the hook runs, then the JVM halts (no close)
    Thread.ofPlatform().start(cleanup::stop).join();

    assertThatThrownBy(() -> secrets.writeAt(target, PLAINTEXT.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ToolkitException.class)
        .hasMessage(
            "not writing secret file "
                + target
                + ": the decrypted secrets of "
                + secrets.dir()
                + " were deleted already (kubeherd is stopping: SIGTERM or Ctrl-C)")
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(1));
    assertThatThrownBy(() -> secrets.write("values.secrets.yaml", new byte[] {1}))
        .isInstanceOf(ToolkitException.class);
    assertThat(target).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
  }
}
