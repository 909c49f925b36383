package dev.kubeherd.worker;

import dev.kubeherd.testsupport.git.SshKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

/** A served repository holding one {@code brigade.js}, and a project that clones it with a key. */
final class SshProjectFixture {
  private SshProjectFixture() {}

  /** Creates {@code repo} (branch master) with {@code script} as its one commit. */
  static RevCommit repoWithScript(Path repo, String script) throws Exception {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call()) {
      Files.writeString(repo.resolve("brigade.js"), script);
      git.add().addFilepattern("brigade.js").call();
      return git.commit()
          .setMessage("script")
          .setAuthor("t", "t@example.com")
          .setCommitter("t", "t@example.com")
          .call();
    }
  }

  /** A local worker whose project clones {@code cloneUrl} with {@code key} as its sshKey. */
  static WorkerHarness projectWithKey(Path home, String cloneUrl, KeyPair key) throws Exception {
    return new WorkerHarness(home)
        .with("cloneURL", cloneUrl)
        .with("repository", "github.com/kubeherd/test-project")
        .with("sshKey", SshKeys.openSsh(key).replace("\n", "$"));
  }
}
