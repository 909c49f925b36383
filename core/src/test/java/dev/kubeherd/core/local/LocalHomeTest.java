package dev.kubeherd.core.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHomeTest {
  private static final String ID = "01hv7c1s9yq4x8m2r5n6p3t0wz";

  @TempDir Path tmp;

  @Test
  void usesKubeherdHomeFromTheEnvironment() {
    LocalHome home =
        LocalHome.resolve(Map.of("KUBEHERD_HOME", tmp.resolve("state").toString()), "/nowhere");

    assertThat(home.root()).isEqualTo(tmp.resolve("state"));
  }

  @Test
  void defaultsToDotKubeherdInTheUserHome() {
    LocalHome home = LocalHome.resolve(Map.of(), tmp.toString());

    assertThat(home.root()).isEqualTo(tmp.resolve(".kubeherd"));
  }

  @Test
  void blankKubeherdHomeFallsBackToTheDefault() {
    LocalHome home = LocalHome.resolve(Map.of("KUBEHERD_HOME", " "), tmp.toString());

    assertThat(home.root()).isEqualTo(tmp.resolve(".kubeherd"));
  }

  @Test
  void aKubeherdHomeThatIsAFileIsRefusedNamingIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("state"), "not a directory");

    assertThatThrownBy(() -> LocalHome.resolve(Map.of("KUBEHERD_HOME", file.toString()), "/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "KUBEHERD_HOME="
                + file
                + " is a file, not a directory: point KUBEHERD_HOME at a directory (a missing one"
                + " is created)");
  }

  @Test
  void failsNamingKubeherdHomeWhenNoHomeIsKnown() {
    assertThatThrownBy(() -> LocalHome.resolve(Map.of(), null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("set KUBEHERD_HOME");
  }

  @Test
  void storeFilesFollowTheDocumentedLayout() {
    LocalHome home = new LocalHome(tmp);

    assertThat(home.projectFile("brigade-abc")).isEqualTo(tmp.resolve("projects/brigade-abc.json"));
    assertThat(home.buildDir(ID)).isEqualTo(tmp.resolve("builds/" + ID));
    assertThat(home.logsDir(ID)).isEqualTo(tmp.resolve("builds/" + ID + "/logs"));
    assertThat(home.jobsFile(ID)).isEqualTo(tmp.resolve("builds/" + ID + "/jobs.jsonl"));
  }

  @Test
  void storePathHelpersCreateNothing() {
    LocalHome home = new LocalHome(tmp.resolve("home"));
    home.logsDir(ID);
    home.projectFile("brigade-abc");

    assertThat(tmp.resolve("home")).doesNotExist();
  }

  @Test
  void workspaceDirectoriesAreCreatedOnDemand() {
    LocalHome home = new LocalHome(tmp);

    assertThat(home.shareDir(ID)).isDirectory().isEqualTo(tmp.resolve("builds/" + ID + "/share"));
    assertThat(home.srcDir(ID)).isDirectory().isEqualTo(tmp.resolve("builds/" + ID + "/src"));
    assertThat(home.cacheDir("brigade-abc", "build"))
        .isDirectory()
        .isEqualTo(tmp.resolve("cache/brigade-abc/build"));
  }

  @Test
  void namesThatWouldEscapeTheHomeAreRejected() {
    LocalHome home = new LocalHome(tmp);

    for (String bad : List.of("../etc", "a/b", "a\\b", "..", ".hidden", "", "a\nb")) {
      assertThatThrownBy(() -> home.buildDir(bad))
          .as("build ID %s", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("build ID");
    }
    assertThatThrownBy(() -> home.cacheDir("brigade-abc", "../x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("job name \"../x\"");
  }
}
