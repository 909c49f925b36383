package dev.kubeherd.toolkit.git;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.net.URISyntaxException;
import java.util.Set;
import org.eclipse.jgit.transport.URIish;

/** A repository URL: its kind, its host, and a form safe to print (no password). */
record RemoteUrl(URIish uri) {
  private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  static RemoteUrl parse(String url) {
    try {
      return new RemoteUrl(new URIish(url));
    } catch (URISyntaxException e) {
      throw new GitAccessException(
          ToolkitExitCodes.ERROR, "'" + redact(url) + "' is not a git repository URL");
    }
  }

  /** {@code ssh://…} or scp-like {@code git@host:org/repo.git}. */
  boolean isSsh() {
    return "ssh".equals(uri.getScheme()) || (uri.getScheme() == null && uri.getHost() != null);
  }

  boolean isHttps() {
    return "https".equals(uri.getScheme());
  }

  /** Plain HTTP to this machine: allowed with a token for local mirrors and tests only. */
  boolean isLoopbackHttp() {
    return "http".equals(uri.getScheme()) && LOOPBACK.contains(uri.getHost());
  }

  /** The URL without any password in it. */
  @Override
  public String toString() {
    return uri.setPass(null).toString();
  }

  private static String redact(String url) {
    return url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@");
  }

  /** Checks that {@code auth} fits this kind of URL. */
  void check(GitAuth auth) {
    if (auth instanceof GitAuth.SshKey && !isSsh()) {
      throw new GitAccessException(
          ToolkitExitCodes.ERROR,
          "a deploy key needs an ssh:// or git@host:org/repo URL, got " + this);
    }
    if (auth instanceof GitAuth.Token && !isHttps() && !isLoopbackHttp()) {
      throw new GitAccessException(
          ToolkitExitCodes.ERROR, "a token is only sent over https://, got " + this);
    }
  }
}
