package dev.kubeherd.worker.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Project;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProjectSecretsJsonTest {

  private static Project withSecrets(String secrets) {
    return new Project("brigade-x", "a/b", "", Map.of("secrets", secrets));
  }

  @Test
  void readsTheSecretsObjectAndAnEmptyValueAsNoSecrets() {
    assertThat(ProjectSecretsJson.parse(withSecrets("{\"k\":\"v\"}")).get("k").asString())
        .isEqualTo("v");
    assertThat(ProjectSecretsJson.parse(withSecrets(" ")).isEmpty()).isTrue();
  }

  @Test
  void notJsonIsReportedByLineAndColumnWithNoFragmentOfTheValue() {
    assertThatThrownBy(
            () -> ProjectSecretsJson.parse(withSecrets("{\"a\": \"b\",\n \"token\": s3cr3tvalue}")))
        .isInstanceOf(InvalidProjectSecretsException.class)
        .hasMessageStartingWith("project secrets is not valid JSON (line 2, column ")
        .hasMessageContaining("fix the project's secrets")
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining("token")
        .hasNoCause();
  }

  @Test
  void aValueCutShortIsReportedWithoutItsContent() {
    assertThatThrownBy(() -> ProjectSecretsJson.parse(withSecrets("{\"pw\": \"unterminated")))
        .isInstanceOf(InvalidProjectSecretsException.class)
        .hasMessageStartingWith("project secrets is not valid JSON")
        .hasMessageNotContaining("unterminated");
  }
}
