package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GithubEventsParseTest {
  private static JsonNode parse(String json) {
    return GithubEvents.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void keepsTheFieldsTheMappingReadsAndSkipsTheRest() {
    JsonNode root =
        parse(
            """
            {"ref":"refs/heads/main","after":"abc","deleted":false,
             "head_commit":{"id":"abc","message":"m"},
             "commits":[{"id":"abc","added":["x"]}],
             "repository":{"id":1,"full_name":"acme/app","owner":{"login":"acme"}},
             "sender":{"login":"octocat"},"pusher":{"name":"octocat"}}
            """);

    assertThat(root.toString())
        .isEqualTo(
            "{\"ref\":\"refs/heads/main\",\"deleted\":false,"
                + "\"head_commit\":{\"id\":\"abc\",\"message\":\"m\"},"
                + "\"repository\":{\"full_name\":\"acme/app\"}}");
  }

  @Test
  void aBodyWithNoneOfTheFieldsIsStillAnObject() {
    assertThat(parse("{\"zen\":\"Keep it logically awesome.\"}").isObject()).isTrue();
  }

  @Test
  void brokenJsonInsideASkippedPartIsStillRefused() {
    assertThatThrownBy(() -> parse("{\"sender\":{\"login\": oops},\"ref\":\"x\"}"))
        .isInstanceOf(MalformedDeliveryException.class)
        .hasMessageStartingWith("Malformed body: not JSON");
  }

  @Test
  void contentAfterTheObjectIsRefused() {
    assertThatThrownBy(() -> parse("{\"ref\":\"x\"} {\"ref\":\"y\"}"))
        .isInstanceOf(MalformedDeliveryException.class)
        .hasMessageStartingWith("Malformed body");
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    assertThatThrownBy(() -> parse("[1,2]"))
        .isInstanceOf(MalformedDeliveryException.class)
        .hasMessage("Malformed body: expected a JSON object");
  }
}
