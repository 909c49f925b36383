package dev.kubeherd.gateway.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimpleEventsTest {

  private static BuildRequest map(String body) {
    return SimpleEvents.map("brigade-p", body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void emptyBodyBuildsMasterWithAnEmptyPayload() {
    BuildRequest build = map("");

    assertThat(build.projectId()).isEqualTo("brigade-p");
    assertThat(build.type()).isEqualTo("simpleevent");
    assertThat(build.provider()).isEqualTo("GenericWebhook");
    assertThat(build.revision()).isEqualTo(Revision.ofRef("master"));
    assertThat(build.payload()).isEmpty();
  }

  @Test
  void commitAndRefAreTakenAndExtraKeysKeptInThePayload() {
    String body = "{\"commit\":\"c1\",\"ref\":\"refs/tags/v1\",\"who\":{\"name\":\"ci\"}}";

    BuildRequest build = map(body);

    assertThat(build.revision()).isEqualTo(new Revision("c1", "refs/tags/v1"));
    assertThat(build.payload()).isEqualTo(body);
  }

  @Test
  void aCommitAloneIsNotDefaultedToMaster() {
    assertThat(map("{\"commit\":\"c1\"}").revision()).isEqualTo(new Revision("c1", ""));
  }

  @Test
  void keysMatchIgnoringCaseAndTheLastRepeatWins() {
    assertThat(map("{\"Ref\":\"a\",\"REF\":\"b\",\"Commit\":\"c\"}").revision())
        .isEqualTo(new Revision("c", "b"));
  }

  @Test
  void nullBodyOrNullValuesCountAsAbsent() {
    assertThat(map("null").revision()).isEqualTo(Revision.ofRef("master"));
    assertThat(map("{\"ref\":null,\"commit\":null}").revision())
        .isEqualTo(Revision.ofRef("master"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{oops",
        " ",
        "[]",
        "\"ref\"",
        "42",
        "{\"ref\":5}",
        "{\"commit\":true}",
        "{\"ref\":{\"name\":\"x\"}}",
        "{\"ref\":\"a\"} {}"
      })
  void anythingElseIsMalformedWithV1sText(String body) {
    assertThatThrownBy(() -> map(body))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("Malformed POST data - Invalid JSON");
  }
}
