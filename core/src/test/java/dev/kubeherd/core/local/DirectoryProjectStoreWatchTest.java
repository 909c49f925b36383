package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store watching its projects directory (as the gateway's does) still sees every change another
 * process makes, shortly after it is made.
 */
class DirectoryProjectStoreWatchTest {
  private static final Duration NOTICE = Duration.ofSeconds(10);

  @TempDir Path tmp;

  private final Project good = project("org/good", "s1");

  private DirectoryProjectStore store() {
    return new DirectoryProjectStore(new LocalHome(tmp));
  }

  private static Project project(String name, String secret) {
    return new Project(ProjectIds.fromName(name), name, "default", Map.of("sharedSecret", secret));
  }

  @Test
  void aProjectReplacedByAnotherProcessIsSeenByAWatchingStore() {
    DirectoryProjectStore gateway = store();
    store().create(good);
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThat(gateway.find("org/good")).contains(good);
      assertThat(gateway.find("org/good")).contains(good); // from memory

      Project rotated = project("org/good", "s2");
      store().replace(rotated);

      await().atMost(NOTICE).until(() -> gateway.find("org/good"), Optional.of(rotated)::equals);
    }
  }

  @Test
  void aProjectFileEditedInPlaceIsSeenByAWatchingStore() throws IOException {
    DirectoryProjectStore gateway = store();
    store().create(good);
    Path file = tmp.resolve("projects/" + good.id() + ".json");
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThat(gateway.find("org/good")).contains(good);

      Files.writeString(file, Files.readString(file).replace("\"s1\"", "\"s3\""));

      await()
          .atMost(NOTICE)
          .until(
              () -> gateway.find("org/good").orElseThrow().data().get("sharedSecret"),
              "s3"::equals);
    }
  }

  @Test
  void projectsCreatedAndDeletedByAnotherProcessComeAndGoForAWatchingStore() {
    DirectoryProjectStore gateway = store();
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThat(gateway.find("org/good")).isEmpty();

      store().create(good);
      await().atMost(NOTICE).until(() -> gateway.find("org/good"), Optional.of(good)::equals);
      store().delete(good.id());
      await().atMost(NOTICE).until(() -> gateway.find("org/good"), Optional.empty()::equals);
    }
  }

  @Test
  void changesMadeThroughTheWatchingStoreItselfAreSeenAtOnce() {
    DirectoryProjectStore gateway = store();
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      gateway.create(good);
      assertThat(gateway.find("org/good")).contains(good);

      Project rotated = project("org/good", "s2");
      gateway.replace(rotated);
      assertThat(gateway.find("org/good")).contains(rotated);

      gateway.delete(good.id());
      assertThat(gateway.find("org/good")).isEmpty();
    }
  }

  @Test
  void watchingCreatesTheProjectsDirectoryOfANewHome() {
    try (ProjectStore.Watch watch = store().watchForChanges()) {
      assertThat(tmp.resolve("projects")).isDirectory();
    }
  }

  @Test
  void afterTheWatchIsClosedEveryLookupChecksTheFileAgain() {
    DirectoryProjectStore gateway = store();
    store().create(good);
    gateway.watchForChanges().close();
    assertThat(gateway.find("org/good")).contains(good);

    Project rotated = project("org/good", "s2");
    store().replace(rotated);

    assertThat(gateway.find("org/good")).contains(rotated);
  }

  @Test
  void whenTheProjectsDirectoryIsDeletedAndMadeAgainLookupsStillSeeItsProjects()
      throws IOException {
    DirectoryProjectStore gateway = store();
    store().create(good);
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThat(gateway.find("org/good")).contains(good);

      Files.delete(tmp.resolve("projects/" + good.id() + ".json"));
      Files.delete(tmp.resolve("projects"));
      Project again = project("org/good", "s9");
      store().create(again);

      await().atMost(NOTICE).until(() -> gateway.find("org/good"), Optional.of(again)::equals);
      Project later = project("org/good", "s10");
      store().replace(later);
      assertThat(gateway.find("org/good")).contains(later);
    }
  }

  @Test
  void aSecondWatchIsRefusedWhileOneIsOpen() {
    DirectoryProjectStore gateway = store();
    try (ProjectStore.Watch watch = gateway.watchForChanges()) {
      assertThatThrownBy(gateway::watchForChanges)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("watched already");
    }
    gateway.watchForChanges().close();
  }
}
