package dev.kubeherd.toolkit.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.toolkit.tools.StandIns;
import dev.kubeherd.toolkit.tools.TestJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sync app} stopped with SIGTERM while helmfile runs (a cancelled CI job, a terminated pod):
 * the decrypted secrets are deleted and helmfile is stopped with its child processes, instead of
 * plaintext staying in the repository and helmfile running on as an orphan.
 */
class SyncStopTest {
  @TempDir Path tmp;
  private Process jvm;

  @AfterEach
  void stop() {
    if (jvm != null) {
      jvm.destroyForcibly();
    }
  }

  @Test
  void aStoppedSyncDeletesThePlaintextAndStopsHelmfileWithItsChildren() throws Exception {
    StandIns tools = new StandIns(tmp.resolve("bin"));
    tools.add("sops", "echo 'password: hunter2-plain'");
    tools.add(
        "helmfile",
        "echo $$ > \"$rec.pid\"; sleep 1311 & echo $! > \"$rec.child.tmp\"\n"
            + "mv \"$rec.child.tmp\" \"$rec.child\"; wait");
    Path repo = Files.createDirectories(tmp.resolve("app"));
    Path env = Files.createDirectories(repo.resolve("ci/environments/test"));
    Files.writeString(repo.resolve("ci/helmfile.yaml"), "releases: []\n");
    Files.writeString(env.resolve("brigade.secrets.yaml.enc"), "password: ENC[AES256_GCM]\n");
    Path scratch = tmp.resolve("scratch");
    Path log = tmp.resolve("sync.log");

    jvm =
        TestJvm.start(
            log, StoppedSyncMain.class, repo.toString(), tools.bin.toString(), scratch.toString());
    TestJvm.awaitFile(jvm, tools.bin.resolve("helmfile.child"), log);
    Path plaintext = env.resolve("brigade.secrets.yaml");
    assertThat(plaintext).as("decrypted while helmfile runs").exists();

    jvm.destroy(); // SIGTERM
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).as("the sync stopped").isTrue();

    assertThat(jvm.exitValue()).isEqualTo(TestJvm.SIGTERM_EXIT);
    assertThat(plaintext).doesNotExist();
    assertThat(scratch).isEmptyDirectory();
    TestJvm.assertEnded(
        Long.parseLong(Files.readString(tools.bin.resolve("helmfile.pid")).strip()));
    TestJvm.assertEnded(
        Long.parseLong(Files.readString(tools.bin.resolve("helmfile.child")).strip()));
    assertThat(Files.readString(log))
        .contains(
            "kubeherd is stopping: cleaning up helmfile --file ../../helmfile.yaml --environment"
                + " test sync (in "
                + env)
        .doesNotContain("hunter2-plain");
  }
}
