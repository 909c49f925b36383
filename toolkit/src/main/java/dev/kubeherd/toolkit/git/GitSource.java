package dev.kubeherd.toolkit.git;

/**
 * What to check out: a repository URL, a revision (a branch, tag, full ref such as {@code
 * refs/pull/1/head}, or a commit SHA; empty = the remote's HEAD) and how to authenticate. {@code
 * depth} > 0 fetches only that many commits of the revision (a shallow clone).
 */
public record GitSource(String url, String revision, GitAuth auth, int depth) {
  public GitSource {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("a git source needs a repository URL");
    }
    revision = revision == null ? "" : revision.strip();
    if (depth < 0) {
      throw new IllegalArgumentException("depth must be 0 (full) or more, got " + depth);
    }
  }

  /** Full history at {@code revision}. */
  public static GitSource of(String url, String revision, GitAuth auth) {
    return new GitSource(url, revision, auth, 0);
  }

  /** The same source, fetched {@code depth} commits deep. */
  public GitSource withDepth(int depth) {
    return new GitSource(url, revision, auth, depth);
  }
}
