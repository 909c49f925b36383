package dev.kubeherd.toolkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code brigadm run}: CMD travels as data, the script is fixed. */
class RunCommandJobTest {
  @Test
  void theCommandIsPayloadDataWhateverItsQuoting() {
    String cmd = "echo \"});process.exit(1);//\" '$HOME' `id`";

    JsonNode payload =
        Json.MAPPER.readTree(RunCommandJob.payload(cmd, "alpine:3", Map.of("A", "b")));

    assertThat(payload.get("command").asString()).isEqualTo(cmd);
    assertThat(payload.get("image").asString()).isEqualTo("alpine:3");
    assertThat(payload.get("env").get("A").asString()).isEqualTo("b");
    assertThat(RunCommandJob.script())
        .contains("JSON.parse(e.payload)")
        .contains("new Job(\"" + RunCommandJob.JOB + "\", request.image, [request.command])")
        .doesNotContain("process.exit");
  }
}
