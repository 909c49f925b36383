package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggedPathTest {
  @Test
  void aGenericGatewayPathKeepsItsProjectAndMasksTheRest() {
    assertThat(LoggedPath.of("/simpleevents/v1/brigade-p/abc123"))
        .isEqualTo("/simpleevents/v1/brigade-p/***");
    assertThat(LoggedPath.of("/cloudevents/v02/brigade-p/abc123/more"))
        .isEqualTo("/cloudevents/v02/brigade-p/***");
    assertThat(LoggedPath.of("/cloudevents/v1/brigade-p")).isEqualTo("/cloudevents/v1/brigade-p");
  }

  @Test
  void otherPathsAreLoggedAsTheyAre() {
    assertThat(LoggedPath.of("/events/github")).isEqualTo("/events/github");
    assertThat(LoggedPath.of("/api/v1/builds/x%20y")).isEqualTo("/api/v1/builds/x%20y");
  }

  @Test
  void aSecretIsMaskedWhateverTheCaseEscapesOrSlashesOfTheGatewayName() {
    for (String path :
        new String[] {
          "/SimpleEvents/v1/p/s3cret",
          "/simpleevents/v1/p/s3cret%zz",
          "/simpleevents%2Fv1%2Fp%2Fs3cret",
          "/%73impleevents/v1/p/s3cret",
          "//cloudevents/v1/p/s3cret",
          "/x/../cloudevents/v1/p/s3cret",
          "/cloudevents/v1/p/s3cret\n"
        }) {
      assertThat(LoggedPath.of(path)).as(path).doesNotContain("s3cret").endsWith("/***");
    }
  }
}
