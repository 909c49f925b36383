package dev.kubeherd.toolkit.git;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A repository made by a test to clone from: on {@code main} commits c1 (annotated tag {@code
 * v1.0}), c2, c3 (lightweight tag {@code light}); branch {@code feature} with c4 on c2; {@code
 * refs/pull/1/head} at c5 on c3 (reachable from no branch).
 */
final class OriginRepo implements AutoCloseable {
  static final PersonIdent WHO =
      new PersonIdent(
          "Test",
          "test@example.com",
          java.time.Instant.parse("2026-01-01T00:00:00Z"),
          java.time.ZoneOffset.UTC);

  final Path dir;
  final Git git;
  RevCommit c1;
  RevCommit c2;
  RevCommit c3;
  RevCommit c4;
  RevCommit c5;

  OriginRepo(Path dir) throws Exception {
    this.dir = dir;
    this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    c1 = commit("README.md", "one\n");
    git.tag().setName("v1.0").setMessage("release 1.0").setTagger(WHO).setAnnotated(true).call();
    c2 = commit("README.md", "two\n");
    git.checkout().setCreateBranch(true).setName("feature").call();
    c4 = commit("feature.txt", "feature\n");
    git.checkout().setName("main").call();
    c3 = commit("README.md", "three\n");
    git.tag().setName("light").setAnnotated(false).call();
    git.checkout().setName(c3.name()).call();
    c5 = commit("pr.txt", "pull request\n");
    RefUpdate pull = git.getRepository().updateRef("refs/pull/1/head");
    pull.setNewObjectId(c5);
    pull.forceUpdate();
    git.checkout().setName("main").call();
  }

  RevCommit commit(String file, String content) throws Exception {
    Files.writeString(dir.resolve(file), content);
    git.add().addFilepattern(file).call();
    return git.commit().setMessage("write " + file).setAuthor(WHO).setCommitter(WHO).call();
  }

  String url() {
    return dir.toUri().toString();
  }

  @Override
  public void close() {
    git.close();
  }
}
