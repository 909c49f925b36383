package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packer directory ships inside the toolkit jar and is copied out intact for packer. */
class BundledTemplateTest {
  @TempDir Path dir;

  @Test
  void templateScriptsAndFilesAreExtractedAsInTheRepository() throws Exception {
    Path template = BundledTemplate.extractTo(dir);

    Path repo = Path.of("../packer").toAbsolutePath().normalize();
    assertThat(template).hasFileName("flatcar.pkr.hcl");
    assertThat(Files.readString(template))
        .isEqualTo(Files.readString(repo.resolve("flatcar.pkr.hcl")));
    assertThat(dir.resolve("scripts/90-reset-first-boot.sh")).exists().isExecutable();
    assertThat(dir.resolve("files/kubeherd-bootstrap.service")).exists();
    assertThat(dir.resolve("README.md")).doesNotExist();
  }
}
