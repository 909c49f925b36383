package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmiBuildOptionsTest {
  AmiBuildOptions.Builder base() {
    return AmiBuildOptions.builder().region("eu-west-1");
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    AmiBuildOptions o = base().build();

    assertThat(o.channel()).isEqualTo(FlatcarChannel.STABLE);
    assertThat(o.flatcarVersion()).isEqualTo("current");
    assertThat(o.arch()).isEqualTo(AmiArch.X86_64);
    assertThat(o.amiNamePrefix()).isEqualTo("kubeherd-node");
    assertThat(o.minHealthyPercentage()).isEqualTo(90);
    assertThat(o.packer()).isEqualTo("packer");
    assertThat(o.keep()).isEmpty();
    assertThat(o.refreshPollInterval()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void theFirstRegionBuildsAndTheOthersGetCopies() {
    AmiBuildOptions o = base().region("us-east-1").region("ap-southeast-2").build();

    assertThat(o.buildRegion()).isEqualTo("eu-west-1");
    assertThat(o.copyRegions()).containsExactly("us-east-1", "ap-southeast-2");
  }

  @Test
  void aPinnedVersionNarrowsTheImageName() {
    FlatcarQuery q = base().flatcarVersion("4081.3.6").channel(FlatcarChannel.LTS).build().query();

    assertThat(q.namePattern()).isEqualTo("Flatcar-lts-4081.3.6-hvm");
  }

  @Test
  void arm64BuildsOnAGravitonInstanceUnlessTold() {
    FlatcarImage source =
        new FlatcarImage(
            "ami-0src", "Flatcar-stable-1.2.3-hvm", "1.2.3", java.time.Instant.EPOCH, "eu-west-1");

    Map<String, String> arm =
        PackerVariables.of(base().arch(AmiArch.ARM64).build(), source, Path.of("/tmp/m.json"));
    Map<String, String> told =
        PackerVariables.of(
            base().arch(AmiArch.ARM64).instanceType("c7g.large").build(),
            source,
            Path.of("/tmp/m.json"));
    Map<String, String> varFile =
        PackerVariables.of(
            base().varFile(Path.of("vars.pkrvars.hcl")).build(), source, Path.of("/tmp/m.json"));

    assertThat(arm).containsEntry("instance_type", "t4g.small").containsEntry("ami_regions", "[]");
    assertThat(told).containsEntry("instance_type", "c7g.large");
    assertThat(varFile).doesNotContainKey("instance_type").doesNotContainKey("subnet_id");
  }

  @Test
  void badValuesAndCombinationsNameTheFlag() {
    assertThatThrownBy(() -> AmiBuildOptions.builder().build()).hasMessageContaining("--region");
    assertThatThrownBy(() -> base().flatcarVersion("latest").build())
        .hasMessageContaining("--flatcar-version must be current or a release like 4152.2.3");
    assertThatThrownBy(() -> base().keep(0).build())
        .hasMessageContaining("--keep must be at least 1");
    assertThatThrownBy(() -> base().minHealthyPercentage(101).build())
        .hasMessageContaining("--min-healthy-percentage");
    assertThatThrownBy(() -> base().startInstanceRefresh(true).launchTemplate("lt").build())
        .hasMessageContaining("--start-instance-refresh needs the groups to refresh: add --asg");
    assertThatThrownBy(() -> base().startInstanceRefresh(true).autoScalingGroup("g").build())
        .hasMessageContaining("needs --launch-template");
    assertThatThrownBy(() -> base().rollback(true).build())
        .hasMessageContaining("--rollback needs the launch templates");
    assertThatThrownBy(() -> base().region("eu-west-1").build())
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> base().amiNamePrefix("no spaces").build())
        .hasMessageContaining("--ami-name-prefix");
  }
}
