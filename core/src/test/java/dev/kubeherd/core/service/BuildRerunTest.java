package dev.kubeherd.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildRerunTest {
  static final BuildRequest OLD =
      new BuildRequest(
          "brigade-p",
          "push",
          "github",
          new Revision("abc", "refs/heads/main"),
          "{\"p\":1}",
          "script",
          "{\"d\":1}",
          "warn",
          "short",
          "long",
          "https://example.invalid/r.git");

  @Test
  void withoutChangesEverythingIsKeptButTheLogLevelGoesBackToLog() {
    assertThat(BuildRerun.request(OLD, BuildRerun.Changes.none()))
        .isEqualTo(OLD.withLogLevel("log"));
  }

  @Test
  void changesReplaceWhatTheyNameAndAnEmptyRefKeepsTheOldOne() {
    BuildRequest changed =
        BuildRerun.request(
            OLD,
            new BuildRerun.Changes(
                Optional.of("exec"), Optional.of("def"), Optional.of(""), "info"));

    assertThat(changed.type()).isEqualTo("exec");
    assertThat(changed.revision()).isEqualTo(new Revision("def", "refs/heads/main"));
    assertThat(changed.logLevel()).isEqualTo("info");
    assertThat(changed.payload()).isEqualTo(OLD.payload());
    assertThat(changed.config()).isEqualTo(OLD.config());
  }
}
