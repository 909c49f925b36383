package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerManifestTest {
  @TempDir Path dir;

  Path manifest(String json) throws Exception {
    return Files.writeString(dir.resolve("packer-manifest.json"), json);
  }

  @Test
  void theLastRunsArtifactIdGivesTheAmiOfEachRegionBuildRegionFirst() throws Exception {
    Path file =
        manifest(
            """
            {"builds": [
              {"name": "flatcar", "artifact_id": "eu-west-1:ami-0old", "packer_run_uuid": "run-1"},
              {"name": "flatcar", "artifact_id": "eu-west-1:ami-0new,us-east-1:ami-0copy",
               "packer_run_uuid": "run-2"},
              {"name": "flatcar", "artifact_id": "eu-west-1:ami-0other", "packer_run_uuid": "run-3"}
             ],
             "last_run_uuid": "run-2"}
            """);

    assertThat(PackerManifest.lastRunAmis(file))
        .containsExactly(Map.entry("eu-west-1", "ami-0new"), Map.entry("us-east-1", "ami-0copy"));
  }

  @Test
  void aManifestWithoutTheLastRunIsAPackerFailure() throws Exception {
    Path file =
        manifest(
            """
            {"builds": [{"artifact_id": "eu-west-1:ami-0old", "packer_run_uuid": "run-1"}],
             "last_run_uuid": "run-9"}
            """);

    assertThatThrownBy(() -> PackerManifest.lastRunAmis(file))
        .isInstanceOf(PackerFailedException.class)
        .hasMessageContaining("no build with packer_run_uuid = last_run_uuid (run-9)");
  }

  @Test
  void anArtifactIdThatIsNoAmiIsRefused() throws Exception {
    Path file =
        manifest(
            """
            {"builds": [{"artifact_id": "eu-west-1:snap-0abc", "packer_run_uuid": "r"}],
             "last_run_uuid": "r"}
            """);

    assertThatThrownBy(() -> PackerManifest.lastRunAmis(file))
        .hasMessageContaining("artifact_id that is not region:ami-… (eu-west-1:snap-0abc)");
  }

  @Test
  void aMissingManifestSaysSo() {
    assertThatThrownBy(() -> PackerManifest.lastRunAmis(dir.resolve("none.json")))
        .isInstanceOf(PackerFailedException.class)
        .hasMessageContaining("none.json cannot be read");
  }
}
