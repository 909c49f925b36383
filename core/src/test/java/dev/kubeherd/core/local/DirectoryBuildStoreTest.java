package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.port.UnreadableEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory-specific behaviour; the port behaviour is in test-support's contract tests. */
class DirectoryBuildStoreTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  @TempDir Path tmp;

  private DirectoryBuildStore store;

  @BeforeEach
  void setUp() {
    // One store (one ULID generator) per test: IDs made in the same millisecond by different
    // generators have no defined order.
    store = new DirectoryBuildStore(new LocalHome(tmp), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private static BuildRequest push(String projectId) {
    return BuildRequest.of(projectId, "push", "github");
  }

  @Test
  void aClaimWhoseClaimantStoppedBeforeStartingTheBuildEndsItInsteadOfLeavingItPendingForGood()
      throws Exception {
    Build stuck = store.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    Build fresh = store.create(BuildRequest.of("brigade-p", "exec", "brigade-cli"));
    // what a claimant killed between its claim file and its status write leaves
    Path stuckClaim = tmp.resolve("builds").resolve(stuck.id()).resolve("claim");
    Files.writeString(stuckClaim, "kubeherd-serve-4242\n");
    Files.setLastModifiedTime(
        stuckClaim,
        java.nio.file.attribute.FileTime.from(
            NOW.minus(BuildStatusFiles.ABANDONED_CLAIM).minusSeconds(1)));
    Path freshClaim = tmp.resolve("builds").resolve(fresh.id()).resolve("claim");
    Files.writeString(freshClaim, "kubeherd-serve-4343\n");
    Files.setLastModifiedTime(freshClaim, java.nio.file.attribute.FileTime.from(NOW));

    assertThat(store.claim(stuck.id(), "server-2")).isFalse();
    assertThat(store.claim(fresh.id(), "server-2")).isFalse();

    var ended = store.find(stuck.id()).orElseThrow().status();
    assertThat(ended.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(ended.message())
        .contains("claimed by kubeherd-serve-4242")
        .contains("stopped before starting it")
        .contains("brig rerun " + stuck.id());
    assertThat(store.find(fresh.id()).orElseThrow().status().phase())
        .as("a claimant may still be writing its status")
        .isEqualTo(BuildPhase.PENDING);
  }

  @Test
  void buildIsADirectoryWithBuildStatusAndClaimFiles() throws IOException {
    Build b = store.create(push("brigade-p"));
    store.claim(b.id(), "controller-1");

    Path dir = tmp.resolve("builds/" + b.id());
    assertThat(Files.readString(dir.resolve("build.json")))
        .contains("\"createdAt\" : \"2024-05-01T10:00:00Z\"")
        .contains("\"projectId\" : \"brigade-p\"");
    assertThat(Files.readString(dir.resolve("status.json")))
        .contains("\"phase\" : \"RUNNING\"")
        .contains("\"worker\" : \"controller-1\"");
    assertThat(dir.resolve("claim")).hasContent("controller-1");
  }

  @Test
  void buildsMadeInTheSameMillisecondStillSortInCreationOrder() {
    String first = store.create(push("brigade-p")).id();
    String second = store.create(push("brigade-p")).id();

    assertThat(second).isGreaterThan(first);
    assertThat(store.list(Optional.empty())).extracting(Build::id).containsExactly(second, first);
  }

  @Test
  void corruptBuildFileMakesFindThrowNamingTheFile() throws IOException {
    Build b = store.create(push("brigade-p"));
    Path file = tmp.resolve("builds/" + b.id() + "/build.json");
    Files.writeString(file, "{\"id\": \"" + b.id() + "\", \"req");

    assertThatThrownBy(() -> store.find(b.id()))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("delete the build with its directory " + file.getParent())
        .hasMessageNotContaining("delete it");
  }

  @Test
  void unreadableNamesEachBuildThatCannotBeReadWithItsProjectWhenItsBuildFileCanBeRead()
      throws IOException {
    Build badBuildFile = store.create(push("brigade-p"));
    Build badStatus = store.create(push("brigade-q"));
    store.create(push("brigade-p"));
    Files.writeString(tmp.resolve("builds/" + badBuildFile.id() + "/build.json"), "{");
    Files.writeString(tmp.resolve("builds/" + badStatus.id() + "/status.json"), "{");

    List<UnreadableEntry> unreadable = store.unreadable();

    assertThat(unreadable)
        .extracting(UnreadableEntry::id, UnreadableEntry::location, UnreadableEntry::projectId)
        .containsExactly(
            tuple(
                badBuildFile.id(),
                tmp.resolve("builds/" + badBuildFile.id()).toString(),
                Optional.empty()),
            tuple(
                badStatus.id(),
                tmp.resolve("builds/" + badStatus.id()).toString(),
                Optional.of("brigade-q")));
    assertThatThrownBy(() -> store.find(badStatus.id()))
        .isInstanceOfSatisfying(
            UnreadableEntryException.class,
            e -> assertThat(e.entry()).isEqualTo(unreadable.get(1)));
  }

  @Test
  void deleteRemovesABuildWhoseFilesCannotBeRead() throws IOException {
    Build b = store.create(push("brigade-p"));
    Files.writeString(tmp.resolve("builds/" + b.id() + "/build.json"), "{");

    assertThat(store.delete(b.id())).isTrue();

    assertThat(store.find(b.id())).isEmpty();
    assertThat(store.unreadable()).isEmpty();
  }

  @Test
  void corruptStatusFileMakesFindThrowNamingTheFile() throws IOException {
    Build b = store.create(push("brigade-p"));
    Path file = tmp.resolve("builds/" + b.id() + "/status.json");
    Files.writeString(file, "{}");

    assertThatThrownBy(() -> store.find(b.id()))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void listSkipsACorruptBuildAndReturnsTheRest() throws IOException {
    Build older = store.create(push("brigade-p"));
    Build broken = store.create(push("brigade-p"));
    Build newer = store.create(push("brigade-p"));
    Files.writeString(tmp.resolve("builds/" + broken.id() + "/build.json"), "");

    assertThat(store.list(Optional.empty()))
        .extracting(Build::id)
        .containsExactly(newer.id(), older.id());
  }

  @Test
  void listSkipsBuildDirectoriesLeftByAKilledCreate() throws IOException {
    Build b = store.create(push("brigade-p"));
    Path half = Files.createDirectories(tmp.resolve("builds/01zzzzzzzzzzzzzzzzzzzzzzzz"));
    Files.writeString(AtomicFiles.tempFor(half.resolve("build.json")), "{\"id\":");

    assertThat(store.list(Optional.empty())).extracting(Build::id).containsExactly(b.id());
    assertThat(store.find("01zzzzzzzzzzzzzzzzzzzzzzzz")).isEmpty();
  }

  @Test
  void strayTempStatusFromAKilledWriteIsInvisibleToReaders() throws IOException {
    Build b = store.create(push("brigade-p"));
    Path status = tmp.resolve("builds/" + b.id() + "/status.json");
    Files.writeString(AtomicFiles.tempFor(status), "{\"phase\" : \"SUCC");

    assertThat(store.find(b.id()).orElseThrow().status().phase()).isEqualTo(BuildPhase.PENDING);
  }

  @Test
  void corruptJobRecordIsSkippedAndTheOthersListed() throws IOException {
    Build b = store.create(push("brigade-p"));
    JobRecord ok =
        new JobRecord(
            b.id(),
            "test",
            "test-" + b.id(),
            "alpine",
            BuildPhase.RUNNING,
            Optional.of(NOW),
            Optional.empty(),
            Optional.empty());
    store.saveJob(ok);
    Files.writeString(
        tmp.resolve("builds/" + b.id() + "/jobs.jsonl"),
        "{\"name\": [\n",
        StandardOpenOption.APPEND);

    assertThat(store.jobs(b.id())).containsExactly(ok);
  }

  @Test
  void deleteRemovesTheWholeBuildDirectory() {
    Build b = store.create(push("brigade-p"));
    new LocalHome(tmp).shareDir(b.id());

    assertThat(store.delete(b.id())).isTrue();

    assertThat(tmp.resolve("builds")).isEmptyDirectory();
  }

  @Test
  void idsThatCannotBeDirectoriesAreNeverFound() {
    assertThat(store.find("../../etc")).isEmpty();
    assertThat(store.claim("../../etc", "w")).isFalse();
    assertThat(store.delete("../../etc")).isFalse();
  }
}
