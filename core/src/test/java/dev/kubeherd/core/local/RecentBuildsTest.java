package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore.BuildFile;
import dev.kubeherd.core.model.BuildRequest;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentBuildsTest {
  @TempDir Path tmp;

  private final RecentBuilds recent = new RecentBuilds();

  @Test
  void aBuildJustWrittenIsReadBackWithoutParsingWhileItsFileIsUnchanged() throws Exception {
    Path file = Files.writeString(tmp.resolve("build.json"), "{}");
    BuildFile build = build("b1");
    recent.add(build, file);

    assertThat(recent.find("b1", file)).containsSame(build);
    assertThat(recent.find("b2", file)).isEmpty();
  }

  @Test
  void aRewrittenFileIsNoLongerAnsweredFromMemory() throws Exception {
    Path file = Files.writeString(tmp.resolve("build.json"), "{}");
    BuildFile build = build("b1");
    recent.add(build, file);
    Files.delete(file);
    Files.writeString(file, "{\"id\":\"b1\",\"changed\":true}");

    assertThat(recent.find("b1", file)).isEmpty();
  }

  @Test
  void itDoesNotKeepABuildAliveSoPayloadsAreNotCopiedFromCollectionToCollection() throws Exception {
    Path file = Files.writeString(tmp.resolve("build.json"), "{}");
    WeakReference<BuildFile> probe = addAndForget(file);

    for (int i = 0; i < 20 && probe.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }

    assertThat(probe.get()).as("the build was collected").isNull();
    assertThat(recent.find("b1", file)).isEmpty(); // read from the file again
  }

  private WeakReference<BuildFile> addAndForget(Path file) {
    BuildFile build = build("b1");
    recent.add(build, file);
    assertThat(recent.find("b1", file)).containsSame(build);
    return new WeakReference<>(build);
  }

  private static BuildFile build(String id) {
    BuildRequest request =
        BuildRequest.of("brigade-p", "push", "github").withPayload("x".repeat(8_000));
    return new BuildFile(id, Instant.parse("2026-11-26T00:00:00Z"), request);
  }
}
