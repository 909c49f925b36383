package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.toolkit.git.ImageTags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The git-derived defaults of repository, tag and sha ({@link SourceRevision}). */
class ImageSourceRevisionTest {
  @TempDir Path tmp;

  @Test
  void inARepositoryTheTagIsGitDescribeAndTheNameTheTopLevelsBasename() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("My_App.Web"));
    git(repo, "init", "-q");
    Files.writeString(repo.resolve("README"), "hi\n");
    git(repo, "add", "README");
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "first");
    Path sub = Files.createDirectories(repo.resolve("services/web"));

    SourceRevision untagged = SourceRevision.read(sub);
    assertThat(untagged.defaultTag()).isEqualTo(untagged.shortSha().orElseThrow());
    assertThat(untagged.gitSha()).hasSize(40).startsWith(untagged.shortSha().orElseThrow());

    git(repo, "tag", "release/1.2.0");
    SourceRevision tagged = SourceRevision.read(sub);
    assertThat(tagged.defaultTag()).isEqualTo("release-1.2.0");
    assertThat(tagged.defaultRepository(Optional.of("registry.example.com:5000/"), sub))
        .isEqualTo("registry.example.com:5000/my_app.web");
  }

  @Test
  void outsideARepositoryTheTagIsDevAndTheNameTheContexts() {
    Path dir = tmp.resolve("Plain Dir");

    SourceRevision none =
        new SourceRevision(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(none.defaultTag()).isEqualTo("dev");
    assertThat(none.gitSha()).isEqualTo("unknown");
    assertThat(none.defaultRepository(Optional.empty(), dir)).isEqualTo("plain-dir");
    assertThat(ImageTags.fromGitName("-rc")).isEqualTo("v-rc");
  }

  @Test
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aGitThatDoesNotAnswerInTimeIsStoppedAndCountsAsNoAnswer() throws Exception {
    Path pids = tmp.resolve("pids");
    Path git = tmp.resolve("git");
    Files.writeString(git, "#!/bin/sh\necho $$ >> " + pids + "\necho /work/app\nexec sleep 1303\n");
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxr-xr-x"));

    SourceRevision r = SourceRevision.read(tmp, git.toString(), Duration.ofMillis(500));

    assertThat(r)
        .isEqualTo(
            new SourceRevision(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(r.defaultTag()).isEqualTo("dev");
    List<String> started = Files.readAllLines(pids);
    assertThat(started).hasSize(4);
    for (String pid : started) {
      ProcessHandle.of(Long.parseLong(pid))
          .ifPresent(p -> assertThat(p.onExit()).succeedsWithin(Duration.ofSeconds(5)));
    }
  }

  private static void git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
