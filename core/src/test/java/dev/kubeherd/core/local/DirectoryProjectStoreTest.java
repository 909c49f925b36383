package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kubeherd.core.CorruptStateException;
import dev.kubeherd.core.UnreadableEntryException;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.UnreadableEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory-specific behaviour; the port behaviour is in test-support's contract tests. */
class DirectoryProjectStoreTest {
  @TempDir Path tmp;

  private final Project good = project("org/good");

  private DirectoryProjectStore store() {
    return new DirectoryProjectStore(new LocalHome(tmp));
  }

  private static Project project(String name) {
    return new Project(ProjectIds.fromName(name), name, "default", Map.of("repository", name));
  }

  @Test
  void storesOneJsonFilePerProjectWithIdNameNamespaceAndData() throws IOException {
    store().create(good);

    String json = Files.readString(tmp.resolve("projects/" + good.id() + ".json"));
    assertThat(json)
        .contains("\"id\" : \"" + good.id() + "\"")
        .contains("\"name\" : \"org/good\"")
        .contains("\"namespace\" : \"default\"")
        .contains("\"data\" : {")
        .doesNotContain("cloneUrl", "secretsJson");
  }

  @Test
  void aProjectReplacedByAnotherProcessIsReadAfreshByAStoreThatHadItCached() {
    DirectoryProjectStore gateway = store();
    store().create(good);
    assertThat(gateway.find("org/good")).contains(good); // now cached

    Project changed =
        new Project(good.id(), good.name(), "default", Map.of("repository", "org/other"));
    store().replace(changed);

    assertThat(gateway.find("org/good")).contains(changed);
  }

  @Test
  void aProjectFileEditedInPlaceIsReadAfresh() throws IOException {
    DirectoryProjectStore gateway = store();
    store().create(good);
    assertThat(gateway.find("org/good")).contains(good);
    Path file = tmp.resolve("projects/" + good.id() + ".json");

    String edited =
        Files.readString(file)
            .replace("\"repository\" : \"org/good\"", "\"repository\" : \"org/edited\"");
    assertThat(edited).contains("org/edited");
    Files.writeString(file, edited); // same inode, same second

    assertThat(gateway.find("org/good").orElseThrow().data())
        .containsEntry("repository", "org/edited");
    Files.delete(file);
    assertThat(gateway.find("org/good")).isEmpty();
  }

  @Test
  void corruptProjectFileMakesFindThrowNamingTheFileAndWhatToDo() throws IOException {
    Path file = tmp.resolve("projects/" + ProjectIds.fromName("org/bad") + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"id\": \"brigade-");

    assertThatThrownBy(() -> store().find("org/bad"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("delete it");
  }

  @Test
  void findOfAnUnreadableProjectNamesItsIdAndFileSoItCanBeDeleted() throws IOException {
    String id = ProjectIds.fromName("org/bad");
    Path file = tmp.resolve("projects/" + id + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{");

    assertThatThrownBy(() -> store().find("org/bad"))
        .isInstanceOfSatisfying(
            UnreadableEntryException.class,
            e -> {
              assertThat(e.entry().id()).isEqualTo(id);
              assertThat(e.entry().location()).isEqualTo(file.toString());
            });
    assertThat(store().delete(id)).isTrue();
    assertThat(store().find("org/bad")).isEmpty();
  }

  @Test
  void unreadableNamesTheProjectFilesThatCannotBeRead() throws IOException {
    store().create(good);
    Path broken = tmp.resolve("projects/brigade-broken.json");
    Files.writeString(broken, "not json");

    assertThat(store().unreadable())
        .extracting(UnreadableEntry::id, UnreadableEntry::location)
        .containsExactly(tuple("brigade-broken", broken.toString()));
  }

  @Test
  void listSkipsACorruptProjectFileAndReturnsTheRest() throws IOException {
    store().create(good);
    Files.writeString(tmp.resolve("projects/brigade-broken.json"), "not json");

    assertThat(store().list()).containsExactly(good);
  }

  @Test
  void fileHoldingAnotherProjectsIdIsCorrupt() throws IOException {
    store().create(good);
    Path copy = tmp.resolve("projects/brigade-copy.json");
    Files.copy(tmp.resolve("projects/" + good.id() + ".json"), copy);

    assertThatThrownBy(() -> store().find("brigade-copy"))
        .isInstanceOf(CorruptStateException.class)
        .hasMessageContaining(copy.toString())
        .hasMessageContaining("holds project " + good.id());
  }

  @Test
  void truncatedTempFileOfAKilledWriteIsInvisibleToReaders() throws IOException {
    store().create(good);
    Path file = tmp.resolve("projects/" + good.id() + ".json");
    Files.writeString(AtomicFiles.tempFor(file), "{\"id\": \"" + good.id() + "\", \"na");
    Files.writeString(AtomicFiles.tempFor(tmp.resolve("projects/brigade-new.json")), "{");

    assertThat(store().find(good.id())).contains(good);
    assertThat(store().list()).containsExactly(good);
  }

  @Test
  void projectCreatedInAKilledWriteDoesNotExist() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("projects"));
    Project p = project("org/half");
    Files.writeString(AtomicFiles.tempFor(dir.resolve(p.id() + ".json")), "{\"id\":");

    assertThat(store().find("org/half")).isEmpty();
    store().create(p);
    assertThat(store().find("org/half")).contains(p);
  }

  @Test
  void namesThatCannotBeFilesAreNeverFound() {
    assertThat(store().find("brigade-../../etc/passwd")).isEmpty();
    assertThat(store().delete("../x")).isFalse();
  }
}
