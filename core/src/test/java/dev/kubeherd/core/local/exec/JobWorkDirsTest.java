package dev.kubeherd.core.local.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobWorkDirsTest {
  private final Path fallback = Path.of("/home/someone/.kubeherd/jobs");

  @Test
  void anExplicitDirectoryWins() {
    assertThat(JobWorkDirs.preferred(Map.of("KUBEHERD_JOB_DIR", "/x/y"), fallback))
        .isEqualTo(Path.of("/x/y"));
  }

  @Test
  void prefersTmpfsWhenTheMachineHasOneElseTheFallback() {
    Path chosen = JobWorkDirs.preferred(Map.of(), fallback);
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      assertThat(chosen).startsWith(shm).endsWith(Path.of("jobs"));
    } else {
      assertThat(chosen).isEqualTo(fallback);
    }
  }
}
