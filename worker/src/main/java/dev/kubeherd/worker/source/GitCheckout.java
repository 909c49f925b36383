package dev.kubeherd.worker.source;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.model.Revision;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.URIish;

/**
 * Checks out a project's repository at a build's revision with JGit, as v1's git sidecar does: the
 * ref wins over the commit (the commit is used only when the ref is empty); {@code refs/heads/x},
 * {@code refs/tags/x}, {@code refs/pull/n/head}, short branch names and SHAs work.
 */
public final class GitCheckout {

  /**
   * Clones {@code url} into {@code dir} (which must not exist or be empty) and checks out the
   * revision, detached.
   */
  public void checkout(String url, Revision revision, Path dir) {
    String want = !revision.ref().isEmpty() ? revision.ref() : revision.commit();
    try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
      git.fetch()
          .setRemote("origin")
          .setRefSpecs(
              "+refs/heads/*:refs/remotes/origin/*",
              "+refs/tags/*:refs/tags/*",
              "+refs/pull/*:refs/remotes/origin/pull/*")
          .call();
      ObjectId id = resolve(git.getRepository(), want.isEmpty() ? "master" : want);
      git.checkout().setName(id.name()).setForced(true).call();
    } catch (GitAPIException | URISyntaxException | IOException e) {
      throw new KubeherdException(
          "checking out "
              + url
              + " at '"
              + want
              + "' failed: "
              + e.getMessage()
              + "; check the project's cloneURL and the build's ref/commit",
          e);
    }
  }

  private static ObjectId resolve(Repository repo, String want) throws IOException {
    String[] candidates = {
      want,
      "refs/remotes/origin/" + stripHeads(want),
      "refs/remotes/origin/pull/" + want.replaceFirst("^refs/pull/", ""),
      "refs/tags/" + want.replaceFirst("^refs/tags/", ""),
    };
    for (String c : candidates) {
      ObjectId id = repo.resolve(c + "^{commit}");
      if (id != null) {
        return id;
      }
    }
    throw new IOException("no branch, tag or commit named '" + want + "' in the repository");
  }

  private static String stripHeads(String ref) {
    return ref.replaceFirst("^refs/heads/", "");
  }
}
