package dev.kubeherd.worker.source;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.core.model.CloneUrls;
import dev.kubeherd.core.model.Revision;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.submodule.SubmoduleWalk;
import org.eclipse.jgit.transport.URIish;

/**
 * Checks out a project's repository at a build's revision with JGit, as v1's git sidecar does: the
 * ref wins over the commit (the commit is used only when the ref is empty); {@code refs/heads/x},
 * {@code refs/tags/x}, {@code refs/pull/n/head}, short branch names and SHAs work. The project's
 * {@code sshKey} authenticates SSH URLs, presenting the {@code sshCert} (an OpenSSH user
 * certificate for that key) first when one is set and usable (an unusable one is left out with a
 * warning, as OpenSSH falls back to the plain key), and its {@code github.token} HTTPS ones (see
 * {@link RepoTransport}; an sshCert without an sshKey is not used, and a warning says so); with
 * {@code initGitSubmodules} submodules are checked out recursively, with the same credentials for
 * submodules on the cloneURL's scheme, host and port and none elsewhere. A ref the remote
 * advertises is fetched alone; anything else (a SHA) after fetching all branches, tags and pull
 * request refs.
 */
public final class GitCheckout {
  /** How deep nested submodules are followed. */
  static final int MAX_SUBMODULE_DEPTH = 10;

  private static final List<String> ALL_REFS =
      List.of(
          "+refs/heads/*:refs/remotes/origin/*",
          "+refs/tags/*:refs/tags/*",
          "+refs/pull/*:refs/remotes/origin/pull/*");

  private final Consumer<String> warnings;

  /**
   * @param warnings receives what the build log should show (never a key or token)
   */
  public GitCheckout(Consumer<String> warnings) {
    this.warnings = warnings;
  }

  /**
   * Clones {@code url} into {@code dir} (which must not exist or be empty) and checks out the
   * revision, detached.
   *
   * @throws KubeherdException saying what failed and which project setting or build field to check
   */
  public void checkout(String url, Revision revision, CheckoutSettings settings, Path dir) {
    String want = !revision.ref().isEmpty() ? revision.ref() : revision.commit();
    String wanted = want.isEmpty() ? "master" : want;
    if (!settings.sshCert().isEmpty() && settings.sshKey().isEmpty() && RepoTransport.isSsh(url)) {
      warnings.accept(
          "[brigade:vcs] the project's sshCert is not used: it is presented with the sshKey it"
              + " certifies, and the project has no sshKey");
    }
    try (RepoTransport transport = RepoTransport.open(url, settings)) {
      transport
          .certProblem()
          .ifPresent(
              why ->
                  warnings.accept(
                      "[brigade:vcs] the project's sshCert is not used, the sshKey is offered"
                          + " alone: "
                          + why));
      ObjectId head = checkout(url, want, wanted, settings.submodules(), dir, transport);
      warnIfCommitNotBuilt(revision, head);
    }
  }

  /**
   * Says so when a build names both a ref and a commit and the ref points elsewhere: the ref wins
   * (as in Brigade v1's git-sidecar), so {@code brig run -c <sha>} with brig's default ref {@code
   * master} builds master's head while the script is told the commit.
   */
  private void warnIfCommitNotBuilt(Revision revision, ObjectId head) {
    String commit = revision.commit().strip().toLowerCase(Locale.ROOT);
    if (commit.isEmpty() || revision.ref().isEmpty() || head.name().startsWith(commit)) {
      return;
    }
    warnings.accept(
        "[brigade:vcs] checked out ref "
            + revision.ref()
            + " at "
            + head.abbreviate(12).name()
            + ", not commit "
            + revision.commit()
            + ": when a build names both, the ref is checked out (as in Brigade v1); to build the"
            + " commit, run it without a ref (brig run -c "
            + revision.commit()
            + " -r \"\")");
  }

  private static ObjectId checkout(
      String url,
      String want,
      String wanted,
      boolean submodules,
      Path dir,
      RepoTransport transport) {
    try (Git git = Git.init().setDirectory(dir.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
      ObjectId id = fetch(git, transport, wanted);
      git.checkout().setName(id.name()).setForced(true).call();
      if (submodules) {
        updateSubmodules(git.getRepository(), transport, 1);
      }
      return id;
    } catch (GitAPIException | URISyntaxException | IOException | ConfigInvalidException e) {
      throw CheckoutFailures.of(url, want, transport.kind(), transport.certProblem(), e);
    }
  }

  /** Fetches the wanted ref alone when the remote advertises it, else everything; its commit. */
  private static ObjectId fetch(Git git, RepoTransport transport, String wanted)
      throws GitAPIException, IOException {
    // through the repository: a dumb HTTP remote needs a local repository even to list refs
    Collection<Ref> advertised = transport.apply(git.lsRemote().setRemote("origin")).call();
    Optional<String> ref = advertisedRef(wanted, advertised);
    if (ref.isPresent()) {
      String local = localName(ref.get());
      transport
          .apply(git.fetch().setRemote("origin").setRefSpecs("+" + ref.get() + ":" + local))
          .call();
      return resolve(git.getRepository(), local);
    }
    transport
        .apply(git.fetch().setRemote("origin").setRefSpecs(ALL_REFS.toArray(String[]::new)))
        .call();
    return resolve(git.getRepository(), wanted);
  }

  /** The advertised ref {@code wanted} names, as {@code git ls-remote} would find it. */
  static Optional<String> advertisedRef(String wanted, Collection<Ref> advertised) {
    List<String> names = advertised.stream().map(Ref::getName).toList();
    return List.of(wanted, "refs/heads/" + wanted, "refs/tags/" + wanted, "refs/" + wanted).stream()
        .filter(names::contains)
        .findFirst();
  }

  /** Where a fetched remote ref is kept: the layout of a full fetch. */
  static String localName(String ref) {
    if (ref.startsWith("refs/heads/")) {
      return "refs/remotes/origin/" + ref.substring("refs/heads/".length());
    }
    if (ref.startsWith("refs/pull/")) {
      return "refs/remotes/origin/pull/" + ref.substring("refs/pull/".length());
    }
    return ref.startsWith("refs/") ? ref : "refs/remotes/origin/" + ref;
  }

  /**
   * {@code git submodule update --init --recursive}, one submodule at a time so that a failure
   * names it; the project's credentials go only to submodules on the cloneURL's origin.
   */
  private static void updateSubmodules(Repository repo, RepoTransport transport, int depth)
      throws GitAPIException, IOException, ConfigInvalidException {
    if (depth > MAX_SUBMODULE_DEPTH) {
      throw new IOException(
          "submodules nested deeper than " + MAX_SUBMODULE_DEPTH + " levels; not followed");
    }
    Git git = Git.wrap(repo);
    git.submoduleInit().call();
    try (SubmoduleWalk walk = SubmoduleWalk.forIndex(repo)) {
      while (walk.next()) {
        updateSubmodule(git, walk, transport);
        try (Repository sub = walk.getRepository()) {
          if (sub != null) {
            updateSubmodules(sub, transport, depth + 1);
          }
        }
      }
    }
  }

  private static void updateSubmodule(Git git, SubmoduleWalk walk, RepoTransport transport)
      throws IOException, ConfigInvalidException {
    String path = walk.getPath();
    String url = walk.getConfigUrl() != null ? walk.getConfigUrl() : walk.getRemoteUrl();
    try {
      transport.apply(git.submoduleUpdate().addPath(path)).call();
    } catch (GitAPIException | RuntimeException e) {
      throw submoduleFailure(path, url, transport, e);
    }
  }

  private static SubmoduleFetchException submoduleFailure(
      String path, String url, RepoTransport transport, Exception e) {
    try {
      URIish uri = new URIish(url == null ? "" : url);
      return new SubmoduleFetchException(
          path, CloneUrls.withoutCredentials(url), transport.offersCredentialsTo(uri), e);
    } catch (URISyntaxException bad) {
      return new SubmoduleFetchException(path, "an unparsable URL", false, e);
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
