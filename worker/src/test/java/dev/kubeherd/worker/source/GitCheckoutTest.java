package dev.kubeherd.worker.source;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.kubeherd.core.model.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a checkout fetches from a real JGit repository with three branches and a pull ref. */
class GitCheckoutTest {
  @TempDir Path dir;
  Path origin;
  RevCommit first;
  RevCommit feature;

  @BeforeEach
  void setUp() throws Exception {
    origin = dir.resolve("origin");
    try (Git git = Git.init().setDirectory(origin.toFile()).setInitialBranch("master").call()) {
      first = commit(git, "one");
      git.branchCreate().setName("feature").call();
      git.checkout().setName("feature").call();
      feature = commit(git, "feature");
      git.checkout().setName("master").call();
      commit(git, "two");
      git.branchCreate().setName("other").call();
      RefUpdate pull = git.getRepository().updateRef("refs/pull/7/head");
      pull.setNewObjectId(feature);
      pull.update();
    }
  }

  @Test
  void fetchesOnlyTheWantedRefWhenTheRemoteAdvertisesIt() throws Exception {
    Path work = dir.resolve("work");

    checkout(Revision.ofRef("feature"), work);

    try (Git git = Git.open(work.toFile())) {
      assertThat(git.getRepository().resolve("HEAD")).isEqualTo(feature.getId());
      List<String> refs =
          git.getRepository().getRefDatabase().getRefs().stream().map(Ref::getName).toList();
      assertThat(refs)
          .contains("refs/remotes/origin/feature")
          .noneMatch(r -> r.endsWith("/other") || r.endsWith("/master") || r.contains("pull"));
    }
  }

  @Test
  void aShaNoRefPointsAtIsFoundAfterFetchingEverything() throws Exception {
    Path work = dir.resolve("work");

    checkout(new Revision(first.name(), ""), work);

    try (Git git = Git.open(work.toFile())) {
      assertThat(git.getRepository().resolve("HEAD")).isEqualTo(first.getId());
    }
  }

  @Test
  void aPullRequestRefIsCheckedOut() throws Exception {
    Path work = dir.resolve("work");

    checkout(Revision.ofRef("refs/pull/7/head"), work);

    try (Git git = Git.open(work.toFile())) {
      assertThat(git.getRepository().resolve("HEAD")).isEqualTo(feature.getId());
    }
  }

  @Test
  void aCommitTheRefDoesNotPointAtIsNamedInAWarningAndTheRefIsBuilt() throws Exception {
    Path work = dir.resolve("work");

    List<String> warnings = checkout(new Revision(first.name(), "master"), work);

    try (Git git = Git.open(work.toFile())) {
      ObjectId head = git.getRepository().resolve("HEAD");
      assertThat(head).isNotEqualTo(first.getId());
      assertThat(warnings)
          .singleElement(as(STRING))
          .contains("checked out ref master at " + head.abbreviate(12).name())
          .contains("not commit " + first.name())
          .contains("brig run -c " + first.name() + " -r \"\"");
    }
  }

  @Test
  void aCommitTheRefPointsAtIsBuiltWithoutAWarningEvenAbbreviated() throws Exception {
    Path work = dir.resolve("work");

    List<String> warnings = checkout(new Revision(feature.name().substring(0, 8), "feature"), work);

    assertThat(warnings).isEmpty();
  }

  private List<String> checkout(Revision revision, Path work) {
    List<String> warnings = new ArrayList<>();
    new GitCheckout(warnings::add)
        .checkout(origin.toUri().toString(), revision, CheckoutSettings.NONE, work);
    return warnings;
  }

  private RevCommit commit(Git git, String text) throws Exception {
    Files.writeString(origin.resolve("file.txt"), text + "\n");
    git.add().addFilepattern("file.txt").call();
    return git.commit()
        .setMessage(text)
        .setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com")
        .call();
  }
}
