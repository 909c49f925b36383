package dev.kubeherd.core.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobWorkDirsTest {
  private final Path fallback = Path.of("/home/someone/.kubeherd/jobs");

  @Test
  void anExplicitDirectoryWinsAndIsTheUsersNotKubeherds() {
    assertThat(JobWorkDirs.preferred(Map.of("KUBEHERD_JOB_DIR", "/x/y"), fallback))
        .isEqualTo(WorkDir.chosen(Path.of("/x/y")));
  }

  @Test
  void withoutTmpfsTheFallbackIsChosenAsKubeherdsOwn(@TempDir Path tmp) {
    assertThat(JobWorkDirs.preferred(Map.of(), fallback, tmp.resolve("no-shm")))
        .isEqualTo(WorkDir.ours(fallback));
  }

  @Test
  void prefersTmpfsWhenTheMachineHasOneElseTheFallback() {
    WorkDir chosen = JobWorkDirs.preferred(Map.of(), fallback);
    Path shm = Path.of("/dev/shm");
    assertThat(chosen.ours()).isTrue();
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      assertThat(chosen.path()).startsWith(shm).endsWith(Path.of("jobs"));
    } else {
      assertThat(chosen.path()).isEqualTo(fallback);
    }
  }
}
