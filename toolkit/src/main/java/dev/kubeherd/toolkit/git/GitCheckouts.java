package dev.kubeherd.toolkit.git;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.URIish;

/**
 * Clones or updates a repository into a directory at a revision, with JGit, over SSH with a deploy
 * key, HTTPS with a token, or without credentials ({@code file://}, public repositories).
 *
 * <p>The revision is looked up in the refs the remote advertises (ls-remote) first, so only what is
 * needed is fetched: the one ref (shallow when the source has a depth) plus, for full fetches, all
 * branches and tags (so {@link GitTag} can describe the commit). A SHA that no ref points at is
 * looked for after a full fetch. A SHA always ends as that very commit: when the ref whose tip it
 * was has moved by the time it is fetched, the SHA itself is looked for (in the fetched history,
 * else asked for by SHA), and it is an error (exit code 3) when the remote no longer has it. The
 * working tree ends detached at the commit, reset and cleaned. A directory that already holds a
 * clone of the same URL is fetched into, not cloned again.
 */
public final class GitCheckouts {
  private final Path scratch;
  private final Consumer<String> log;

  /**
   * @param scratch where private temporary directories for SSH go (never the working directory)
   * @param log receives progress and warnings (never a key or token)
   */
  public GitCheckouts(Path scratch, Consumer<String> log) {
    this.scratch = scratch;
    this.log = log;
  }

  /**
   * @throws GitAccessException naming the repository and revision when anything fails
   */
  public GitCheckout checkout(GitSource source, Path dir) {
    RemoteUrl url = RemoteUrl.parse(source.url());
    url.check(source.auth());
    try (GitTransport transport = GitTransport.open(source.auth(), scratch, log);
        Git git = openOrInit(dir, source.url(), url)) {
      Collection<Ref> advertised =
          transport.apply(Git.lsRemoteRepository().setRemote(source.url())).call();
      RevisionResolver.Wanted wanted =
          RevisionResolver.resolve(source.revision(), advertised)
              .orElseThrow(() -> GitFailures.noSuchRevision(source, url, advertised));
      Fetched fetched = fetch(git, transport, source, url, wanted);
      ObjectId commit = fetched.commit();
      git.checkout().setName(commit.name()).setForced(true).call();
      git.reset().setMode(ResetType.HARD).setRef(commit.name()).call();
      git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
      log.accept("checked out " + url + " at " + commit.abbreviate(12).name());
      return new GitCheckout(dir, commit.name(), fetched.ref().orElse(commit.name()));
    } catch (GitAPIException | IOException e) {
      throw GitFailures.of(source, url, e);
    }
  }

  private static Git openOrInit(Path dir, String url, RemoteUrl printable)
      throws IOException, GitAPIException {
    if (Files.isDirectory(dir.resolve(Constants.DOT_GIT))) {
      Git git = Git.open(dir.toFile());
      String origin = git.getRepository().getConfig().getString("remote", "origin", "url");
      if (!url.equals(origin)) {
        git.close();
        throw new GitAccessException(
            ToolkitExitCodes.ERROR,
            dir
                + " already holds a clone of another repository; use an empty directory for "
                + printable);
      }
      return git;
    }
    if (Files.isDirectory(dir) && !isEmpty(dir)) {
      throw new GitAccessException(
          ToolkitExitCodes.ERROR, dir + " is not empty; use an empty directory for " + printable);
    }
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    try {
      git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
    } catch (URISyntaxException e) {
      git.close();
      throw new IOException(e.getMessage(), e);
    }
    return git;
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  /** The commit to check out, and the remote ref it is the tip of when there is one. */
  private record Fetched(ObjectId commit, Optional<String> ref) {}

  private Fetched fetch(
      Git git,
      GitTransport transport,
      GitSource source,
      RemoteUrl url,
      RevisionResolver.Wanted wanted)
      throws GitAPIException, IOException {
    List<RefSpec> specs = new ArrayList<>();
    wanted.ref().ifPresent(ref -> specs.add(new RefSpec("+" + ref + ":" + localName(ref))));
    boolean full = source.depth() == 0 || wanted.ref().isEmpty();
    if (full) {
      specs.add(new RefSpec("+refs/heads/*:refs/remotes/origin/*"));
      specs.add(new RefSpec("+refs/tags/*:refs/tags/*"));
    }
    FetchCommand fetch =
        transport
            .apply(git.fetch().setRemote("origin").setRefSpecs(specs))
            .setTagOpt(TagOpt.NO_TAGS);
    if (!full) {
      fetch.setDepth(source.depth());
    }
    fetch.call();
    ObjectId tip =
        wanted.ref().isEmpty() ? null : resolveCommit(git, localName(wanted.ref().get()));
    if (wanted.sha().isEmpty() && tip != null) {
      return new Fetched(tip, wanted.ref());
    }
    if (wanted.sha().isEmpty()) {
      throw GitFailures.noSuchRevision(source, url, List.of());
    }
    String sha = wanted.sha().get();
    if (tip != null && tip.name().startsWith(sha)) {
      return new Fetched(tip, wanted.ref());
    }
    if (tip != null) {
      log.accept(
          wanted.ref().get()
              + " of "
              + url
              + " has moved on to "
              + tip.abbreviate(12).name()
              + " since it pointed at "
              + sha
              + "; checking out "
              + sha
              + " itself");
    }
    return new Fetched(commitBySha(git, transport, source, url, sha), Optional.empty());
  }

  /**
   * The commit {@code sha}: fetched already (reachable from a branch or tag), else asked for by
   * SHA.
   *
   * @throws GitAccessException when the remote does not have it (anymore) or will not send it
   */
  private static ObjectId commitBySha(
      Git git, GitTransport transport, GitSource source, RemoteUrl url, String sha)
      throws IOException {
    ObjectId commit = resolveCommit(git, sha);
    if (commit == null) {
      commit = fetchUnadvertised(git, transport, sha);
    }
    if (commit == null) {
      throw GitFailures.noSuchRevision(source, url, List.of());
    }
    return commit;
  }

  /** A commit no ref points at: servers that allow it (GitHub does) send it when asked by SHA. */
  private static ObjectId fetchUnadvertised(Git git, GitTransport transport, String sha)
      throws IOException {
    if (sha.length() != 40) {
      return null;
    }
    try {
      transport
          .apply(git.fetch().setRemote("origin"))
          .setRefSpecs(new RefSpec("+" + sha + ":refs/kubeherd/wanted"))
          .setTagOpt(TagOpt.NO_TAGS)
          .call();
    } catch (GitAPIException e) {
      return null;
    }
    return resolveCommit(git, sha);
  }

  /** The commit {@code revision} names here, or null when it is not (or not a commit). */
  private static ObjectId resolveCommit(Git git, String revision) throws IOException {
    try {
      return git.getRepository().resolve(revision + "^{commit}");
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return null;
    }
  }

  /** Where a fetched remote ref is kept: branches under origin/, tags as tags. */
  static String localName(String ref) {
    if (ref.startsWith(Constants.R_TAGS)) {
      return ref;
    }
    if (ref.startsWith(Constants.R_HEADS)) {
      return Constants.R_REMOTES + "origin/" + ref.substring(Constants.R_HEADS.length());
    }
    return Constants.R_REMOTES + "origin/" + ref.replaceFirst("^refs/", "");
  }
}
