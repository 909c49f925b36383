package dev.kubeherd.core.local.exec;

import static dev.kubeherd.core.local.exec.Jobs.job;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job scripts hold secrets and run as this user: other users may neither read nor swap them. */
class JobDirPrivacyTest {
  @TempDir Path tmp;
  private final RecordingSink sink = new RecordingSink();

  @Test
  void aJobsScriptItsDirectoryAndTheNewWorkDirectoriesAreReadableOnlyByThisUser() throws Exception {
    Path base = tmp.resolve("kubeherd-me");
    JobResult result =
        run(base.resolve("jobs"), "stat -c '%a' \"$0\" \"${0%/*}\" \"${0%/*/*}\" \"${0%/*/*/*}\"");

    assertThat(result.phase()).as(result.log()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(result.log().lines())
        .as("main.sh, its job directory, jobs/, kubeherd-me/")
        .containsExactly("600", "700", "700", "700");
  }

  @Test
  void aWorkDirectoryOthersCanWriteIsRefusedSayingWhatToDo() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("jobs"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path ran = tmp.resolve("ran");

    JobResult result = run(work, "touch " + ran);

    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.log())
        .contains("job directory " + work.toRealPath() + " has mode 0777")
        .contains("remove it (rm -rf " + work.toRealPath() + ")")
        .contains("set KUBEHERD_JOB_DIR");
    assertThat(ran).doesNotExist();
  }

  @Test
  void aWorkDirectoryInADirectoryOthersCanWriteWithoutTheStickyBitIsRefused() throws Exception {
    Path shared = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path ran = tmp.resolve("ran");

    JobResult result = run(shared.resolve("kubeherd-me"), "touch " + ran);

    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.log())
        .contains(shared.toRealPath() + ", above the job directory")
        .contains("has mode 0777 (writable by others, no sticky bit)")
        .contains("run chmod go-w " + shared.toRealPath() + ", or set KUBEHERD_JOB_DIR");
    assertThat(ran).doesNotExist();
  }

  @Test
  void directoriesAnOlderVersionMadeGroupWritableUnderUmask002AreNarrowedAndTheJobRuns()
      throws Exception {
    Path base = Files.createDirectory(tmp.resolve(JobWorkDirs.perUserBaseName()));
    Path work = Files.createDirectory(base.resolve("jobs"));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxr-x"));

    JobResult result = run(work, "true");

    assertThat(result.phase()).as(result.log()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base)))
        .isEqualTo("rwx------");
  }

  @Test
  void aGroupWritablePerUserBaseWhoseJobsDirectoryWasRemovedIsNarrowedAndTheJobRuns()
      throws Exception {
    Path base = Files.createDirectory(tmp.resolve(JobWorkDirs.perUserBaseName()));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxr-x"));

    JobResult result = run(base.resolve("jobs"), "true");

    assertThat(result.phase()).as(result.log()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(base)))
        .isEqualTo("rwx------");
  }

  @Test
  void theFallbackWorkDirectoryAnOlderVersionLeftGroupWritableIsNarrowedAndTheJobRuns()
      throws Exception {
    Path fallback = Files.createDirectory(tmp.resolve("jobs"));
    Files.setPosixFilePermissions(fallback, PosixFilePermissions.fromString("rwxrwxr-x"));
    WorkDir chosen = JobWorkDirs.preferred(Map.of(), fallback, tmp.resolve("no-shm"));

    JobResult result = run(chosen, "stat -c '%a' \"$0\" \"${0%/*}\"");

    assertThat(result.phase()).as(result.log()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(result.log().lines()).as("main.sh, its job directory").containsExactly("600", "700");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fallback)))
        .isEqualTo("rwx------");
  }

  @Test
  void aPerUserBaseAnyoneCanWriteIsRefusedNamingTheCommandThatRemovesIt() throws Exception {
    Path base = Files.createDirectory(tmp.resolve(JobWorkDirs.perUserBaseName()));
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path ran = tmp.resolve("ran");

    JobResult result = run(base.resolve("jobs"), "touch " + ran);

    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.log())
        .contains(base.toRealPath() + ", above the job directory")
        .contains("has mode 0777 (writable by others, no sticky bit)")
        .contains("remove it (rm -rf " + base.toRealPath() + ")");
    assertThat(ran).doesNotExist();
  }

  @Test
  void aGroupWritableWorkDirectoryOutsideThePerUserBaseIsRefusedAndKeepsItsMode() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("team-jobs"));
    Process chmod = new ProcessBuilder("chmod", "2775", work.toString()).start();
    assertThat(chmod.waitFor()).isZero();
    Path ran = tmp.resolve("ran");

    JobResult result = run(work, "touch " + ran);

    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.log())
        .contains("job directory " + work.toRealPath() + " has mode 2775")
        .contains("run chmod 700 " + work.toRealPath() + ", or set KUBEHERD_JOB_DIR");
    assertThat(ran).doesNotExist();
    assertThat(Files.getAttribute(work, "unix:mode")).isEqualTo(042775);
  }

  @Test
  void aChosenWorkDirectoryOthersCanOnlyReadKeepsItsModeAndJobsInItStayPrivate() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("jobs"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

    JobResult result = run(work, "stat -c '%a' \"$0\" \"${0%/*}\"");

    assertThat(result.phase()).as(result.log()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(result.log().lines()).as("main.sh, its job directory").containsExactly("600", "700");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(work)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void
      aPerUserBaseLinkedToATeamDirectoryIsNotKubeherdsOwnSoItsGroupWritableJobsAreRefusedNotNarrowed()
          throws Exception {
    Path shm = Files.createDirectory(tmp.resolve("shm"));
    Path team = Files.createDirectory(tmp.resolve("team"));
    Path teamJobs = Files.createDirectory(team.resolve("jobs"));
    Process chmod = new ProcessBuilder("chmod", "2775", teamJobs.toString()).start();
    assertThat(chmod.waitFor()).isZero();
    Files.createSymbolicLink(shm.resolve(JobWorkDirs.perUserBaseName()), team);
    WorkDir chosen = JobWorkDirs.preferred(Map.of(), tmp.resolve("fallback"), shm);
    assertThat(chosen.ours()).as("kubeherd chose " + chosen.path()).isTrue();
    Path ran = tmp.resolve("ran");

    JobResult result = run(chosen, "touch " + ran);

    assertThat(result.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(result.log())
        .contains("job directory " + teamJobs.toRealPath() + " has mode 2775")
        .contains("run chmod 700 " + teamJobs.toRealPath());
    assertThat(ran).doesNotExist();
    assertThat(Files.getAttribute(teamJobs, "unix:mode")).isEqualTo(042775);
  }

  @Test
  void aFallbackWorkDirectoryReplacedByALinkIsNotNarrowed() throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path fallback = Files.createSymbolicLink(tmp.resolve("jobs"), elsewhere);
    WorkDir chosen = JobWorkDirs.preferred(Map.of(), fallback, tmp.resolve("no-shm"));
    assertThat(chosen.ours()).isTrue();

    JobResult result = run(chosen, "true");

    assertThat(result.phase()).as(result.log()).isEqualTo(BuildPhase.SUCCEEDED);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(elsewhere)))
        .isEqualTo("rwxr-xr-x");
  }

  private JobResult run(Path work, String task) throws Exception {
    return run(WorkDir.chosen(work), task);
  }

  private JobResult run(WorkDir work, String task) throws Exception {
    ProcessJobExecutor executor = new ProcessJobExecutor(work);
    return ProcessJobExecutorTest.await(executor.start(job("private").tasks(task).build(), sink));
  }
}
