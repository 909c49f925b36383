package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    assertThat(o.refresh().minHealthyPercentage()).isEqualTo(90);
    assertThat(o.refresh().maxHealthyPercentage()).isEmpty();
    assertThat(o.refresh().checkpointPercentages()).isEmpty();
    assertThat(o.refresh().autoRollback()).isFalse();
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
  void arm64ImagesAreLookedUpByFlatcarsArm64Name() {
    FlatcarQuery current = base().arch(AmiArch.ARM64).build().query();
    FlatcarQuery pinned =
        base()
            .arch(AmiArch.ARM64)
            .flatcarVersion("4081.3.6")
            .channel(FlatcarChannel.LTS)
            .build()
            .query();

    assertThat(current.namePattern()).isEqualTo("Flatcar-stable-*-arm64-hvm");
    assertThat(pinned.namePattern()).isEqualTo("Flatcar-lts-4081.3.6-arm64-hvm");
    assertThat(FlatcarImages.versionOf(pinned, "Flatcar-lts-4081.3.6-arm64-hvm"))
        .contains("4081.3.6");
    assertThat(FlatcarImages.versionOf(pinned, "Flatcar-lts-4081.3.6-hvm")).isEmpty();
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
    assertThatThrownBy(() -> refresh(101, null, List.of(), null))
        .hasMessageContaining("--min-healthy-percentage");
    assertThatThrownBy(() -> base().startInstanceRefresh(true).launchTemplate("lt").build())
        .hasMessageContaining("--start-instance-refresh needs the groups to refresh: add --asg");
    assertThatThrownBy(() -> base().startInstanceRefresh(true).autoScalingGroup("g").build())
        .hasMessageContaining("needs --launch-template");
    assertThatThrownBy(() -> base().rollback(true).build())
        .hasMessageContaining("--rollback needs the launch templates");
    assertThatThrownBy(() -> base().region("eu-west-1").build())
        .hasMessageContaining("--region eu-west-1 is given more than once");
    assertThatThrownBy(() -> base().amiNamePrefix("no spaces").build())
        .hasMessageContaining("--ami-name-prefix");
  }

  @Test
  void aLaunchTemplateOrGroupGivenTwiceIsRefusedNamingIt() {
    assertThatThrownBy(
            () ->
                base()
                    .launchTemplate("nodes")
                    .launchTemplate("ctl")
                    .launchTemplate("nodes")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--launch-template nodes is given more than once: give each once");
    assertThatThrownBy(
            () ->
                base()
                    .launchTemplate("nodes")
                    .autoScalingGroups(List.of("a", "b", "a", "b"))
                    .startInstanceRefresh(true)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--asg a, b is given more than once: give each once");
  }

  static RefreshOptions refresh(int min, Integer max, List<Integer> checkpoints, Duration delay) {
    return RefreshOptions.of(min, max, null, checkpoints, delay, false);
  }

  @Test
  void theMaximumHealthyPercentageIsCheckedAsAutoScalingRequires() {
    assertThat(refresh(100, 110, List.of(), null).maxHealthyPercentage()).hasValue(110);
    assertThat(refresh(0, 100, List.of(), null).maxHealthyPercentage()).hasValue(100);
    assertThat(refresh(100, 200, List.of(), null).maxHealthyPercentage()).hasValue(200);

    assertThatThrownBy(() -> refresh(90, 99, List.of(), null))
        .hasMessage("--max-healthy-percentage must be 100 to 200, not 99");
    assertThatThrownBy(() -> refresh(100, 201, List.of(), null))
        .hasMessage("--max-healthy-percentage must be 100 to 200, not 201");
    assertThatThrownBy(() -> refresh(50, 160, List.of(), null))
        .hasMessage(
            "--max-healthy-percentage may be at most 100 above --min-healthy-percentage (50), not"
                + " 160: raise the minimum or lower the maximum");
  }

  @Test
  void checkpointsRiseToOneHundredAndTheirDelayNeedsThem() {
    RefreshOptions ok = refresh(100, 110, List.of(20, 50, 100), Duration.ofMinutes(10));
    assertThat(ok.checkpointPercentages()).containsExactly(20, 50, 100);
    assertThat(ok.describe())
        .isEqualTo(
            "min healthy 100%, max healthy 110%, checkpoints 20% 50% 100% (pausing 600s at each),"
                + " skip matching");

    assertThatThrownBy(() -> refresh(90, null, List.of(50, 20, 100), null))
        .hasMessageContaining("--checkpoint-percentages must rise from 1 to 100 without repeats");
    assertThatThrownBy(() -> refresh(90, null, List.of(50, 50, 100), null))
        .hasMessageContaining("without repeats");
    assertThatThrownBy(() -> refresh(90, null, List.of(20, 50), null))
        .hasMessageContaining("--checkpoint-percentages must end at 100");
    assertThatThrownBy(() -> refresh(90, null, List.of(), Duration.ofMinutes(5)))
        .hasMessageContaining("--checkpoint-delay needs --checkpoint-percentages");
    assertThatThrownBy(() -> refresh(90, null, List.of(100), Duration.ofDays(3)))
        .hasMessageContaining("--checkpoint-delay must be 0 to 48h");
  }

  @Test
  void checkpointsWhosePausesOutlastTheRefreshTimeoutAreRefused() {
    AmiBuildOptions.Builder rollout =
        base().launchTemplate("nodes").autoScalingGroup("nodes-a").startInstanceRefresh(true);

    assertThatThrownBy(
            () ->
                rollout
                    .refresh(RefreshOptions.of(90, null, null, List.of(20, 50, 100), null, false))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--refresh-timeout (PT2H) must be longer")
        .hasMessageContaining("--checkpoint-percentages [20, 50, 100], PT2H in all")
        .hasMessageContaining("--checkpoint-delay PT1H (Auto Scaling's default)");
    assertThatThrownBy(
            () ->
                rollout
                    .refresh(
                        RefreshOptions.of(
                            90, null, null, List.of(50, 100), Duration.ofMinutes(30), false))
                    .refreshTimeout(Duration.ofMinutes(20))
                    .build())
        .hasMessageContaining("--checkpoint-delay PT30M,");
    assertThat(
            rollout
                .refresh(RefreshOptions.of(90, null, null, List.of(20, 50, 100), null, false))
                .refreshTimeout(Duration.ofHours(3))
                .build()
                .refreshTimeout())
        .isEqualTo(Duration.ofHours(3));
  }
}
