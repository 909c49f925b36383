package dev.kubeherd.toolkit.ami;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionDescriptionTest {
  final FlatcarQuery query =
      new FlatcarQuery(FlatcarChannel.STABLE, "current", AmiArch.ARM64, "eu-west-1");

  @Test
  void recordsReleaseShaAndThePreviousDefaultVersion() {
    String d = VersionDescription.format(query, "4152.2.3", "3f2c1d0", 12);

    assertThat(d)
        .isEqualTo(
            "kubeherd build ami: Flatcar stable 4152.2.3 arm64, git 3f2c1d0, previous default"
                + " version 12");
    assertThat(VersionDescription.previousDefault(d)).hasValue(12);
  }

  @Test
  void staysWithinEc2sLimitAndKeepsThePreviousVersionReadable() {
    String d = VersionDescription.format(query, "4152.2.3", "x".repeat(300), 7);

    assertThat(d.length()).isLessThanOrEqualTo(255);
    assertThat(VersionDescription.previousDefault(d)).hasValue(7);
  }

  @Test
  void descriptionsNotMadeByKubeherdRecordNothing() {
    assertThat(VersionDescription.previousDefault("hand-made")).isEmpty();
    assertThat(VersionDescription.previousDefault(null)).isEmpty();
  }
}
