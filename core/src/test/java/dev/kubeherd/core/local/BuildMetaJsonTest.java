package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Revision;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A journal entry's build part is written byte for byte as Jackson writes the build file. */
class BuildMetaJsonTest {

  @Test
  void aBuildWithEveryFieldSetIsWrittenAsJacksonWritesIt() {
    BuildRequest request =
        new BuildRequest(
            "brigade-4ad1",
            "push",
            "github",
            new Revision("5f1c0d2e", "refs/heads/main"),
            "",
            "const { events } = require(\"brigadier\");\n\tevents.on(\"push\", () => {});",
            "{\"dependencies\":{}}",
            "DEBUG",
            "Push to main: \"fix\" \\ done",
            "Commit message ✓ with emoji 🚀 and a control \u0001 char",
            "https://github.com/acme/app.git");
    assertSameAsJackson(
        new BuildFile("01JABCDEF", Instant.parse("2026-11-27T20:31:02.123456Z"), request));
  }

  @Test
  void emptyFieldsAndWholeSecondTimesAreWrittenAsJacksonWritesThem() {
    assertSameAsJackson(
        new BuildFile("b1", Instant.parse("2026-11-27T20:31:02Z"), BuildRequest.of("p", "", "")));
    assertSameAsJackson(
        new BuildFile(
            "b2", Instant.parse("2026-11-27T20:31:02.100Z"), BuildRequest.of("p", "exec", "brig")));
  }

  @Test
  void aLoneSurrogateLeavesTheBuildToJackson() {
    BuildRequest request = BuildRequest.of("p", "push", "github").withPayload("half \uD800");
    assertThat(BuildMetaJson.encode(new BuildFile("b", Instant.EPOCH, request))).isEmpty();
  }

  private static void assertSameAsJackson(BuildFile file) {
    assertThat(BuildMetaJson.encode(file))
        .hasValueSatisfying(
            bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8))
                    .isEqualTo(Json.MAPPER.writerFor(BuildFile.class).writeValueAsString(file)));
  }
}
