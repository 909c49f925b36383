package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clone URL served by "dumb HTTP" (static files, as a plain web server serves a bare repository
 * after {@code git update-server-info}) is checked out like a smart one.
 */
class DumbHttpCheckoutTest {
  @TempDir Path dir;

  @Test
  void aDumbHttpCloneUrlIsCheckedOutAtTheWantedBranch() throws Exception {
    Path work = dir.resolve("work");
    RevCommit head;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("master").call()) {
      Files.writeString(work.resolve("file.txt"), "one\n");
      git.add().addFilepattern("file.txt").call();
      head =
          git.commit()
              .setMessage("one")
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .call();
    }
    Path bare = dir.resolve("srv/org/app.git");
    Git.cloneRepository()
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    GitCommands.run(bare, "git", "update-server-info");
    Path checkout = dir.resolve("checkout");

    try (StaticFileHttpServer server = new StaticFileHttpServer(dir.resolve("srv"))) {
      new GitCheckout(line -> {})
          .checkout(
              server.url("org/app.git"), Revision.ofRef("master"), CheckoutSettings.NONE, checkout);
    }

    try (Git git = Git.open(checkout.toFile())) {
      assertThat(git.getRepository().resolve("HEAD")).isEqualTo(head.getId());
    }
    assertThat(checkout.resolve("file.txt")).hasContent("one");
  }
}
