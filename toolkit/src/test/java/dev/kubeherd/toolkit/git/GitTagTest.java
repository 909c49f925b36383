package dev.kubeherd.toolkit.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.toolkit.image.SourceRevision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GIT_TAG = {@code git describe --tags --always}. */
class GitTagTest {
  @TempDir Path tmp;

  @Test
  void commitWithATagIsThatTag() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      repo.git.checkout().setName("v1.0").call();

      assertThat(GitTag.describe(repo.dir)).contains("v1.0");
    }
  }

  @Test
  void lightweightTagsCountToo() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      assertThat(GitTag.describe(repo.dir)).contains("light");
    }
  }

  @Test
  void commitsPastATagAreCountedWithTheAbbreviatedSha() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      repo.git.checkout().setName("feature").call();

      assertThat(GitTag.describe(repo.dir)).contains("v1.0-2-g" + repo.c4.abbreviate(7).name());
    }
  }

  @Test
  void untaggedHistoryIsTheAbbreviatedSha() throws Exception {
    Path dir = tmp.resolve("plain");
    try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
      Files.writeString(dir.resolve("a"), "a");
      git.add().addFilepattern("a").call();
      RevCommit c =
          git.commit()
              .setMessage("a")
              .setAuthor(OriginRepo.WHO)
              .setCommitter(OriginRepo.WHO)
              .call();

      assertThat(GitTag.describe(dir)).contains(c.abbreviate(7).name());
    }
  }

  @Test
  void localChangesDoNotShowLikeGitDescribeWithoutDirty() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      String clean = GitTag.of(repo.dir);
      Files.writeString(repo.dir.resolve("README.md"), "edited\n");
      Files.writeString(repo.dir.resolve("new.txt"), "untracked\n");

      assertThat(GitTag.of(repo.dir)).isEqualTo(clean).isEqualTo("light");
    }
  }

  @Test
  void subdirectoryOfTheRepositoryIsDescribedAsTheRepository() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      Path sub = Files.createDirectories(repo.dir.resolve("environments/test"));

      assertThat(GitTag.describe(sub)).contains("light");
    }
  }

  @Test
  void tagWithASlashIsTheImageTagTheImageBuildGives() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      repo.git.tag().setName("release/1.2.0").setAnnotated(false).call();
      repo.git.tagDelete().setTags("light").call();

      assertThat(GitTag.describe(repo.dir)).contains("release/1.2.0");
      assertThat(GitTag.of(repo.dir))
          .isEqualTo("release-1.2.0")
          .isEqualTo(SourceRevision.read(repo.dir).defaultTag());
    }
  }

  @Test
  void tagWithAPlusIsTheImageTagTheImageBuildGives() throws Exception {
    try (OriginRepo repo = new OriginRepo(tmp.resolve("r"))) {
      repo.git.tag().setName("1.2.0+build.7").setAnnotated(false).call();
      repo.git.tagDelete().setTags("light").call();

      assertThat(GitTag.of(repo.dir))
          .isEqualTo("1.2.0-build.7")
          .isEqualTo(SourceRevision.read(repo.dir).defaultTag());
    }
  }

  @Test
  void noRepositoryOrNoCommitFallsBackToDev() throws Exception {
    Path empty = tmp.resolve("empty");
    Git.init().setDirectory(empty.toFile()).call().close();
    Path none = Files.createDirectories(tmp.resolve("none"));

    assertThat(GitTag.describe(empty)).isEmpty();
    assertThat(GitTag.of(empty)).isEqualTo("dev");
    assertThat(GitTag.describe(none)).isEmpty();
  }
}
