package dev.kubeherd.toolkit.git;

import dev.kubeherd.git.FailureMessages;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;

/** Turns JGit failures into messages that say what failed and what to do. */
final class GitFailures {
  private GitFailures() {}

  static GitAccessException noSuchRevision(
      GitSource source, RemoteUrl url, Collection<Ref> advertised) {
    if (advertised.isEmpty() && source.revision().isEmpty()) {
      return new GitAccessException(url + " has no commits yet; push something first", null);
    }
    String branches =
        advertised.stream()
            .map(Ref::getName)
            .filter(n -> n.startsWith(Constants.R_HEADS))
            .map(n -> n.substring(Constants.R_HEADS.length()))
            .sorted()
            .limit(20)
            .collect(Collectors.joining(", "));
    return new GitAccessException(
        "no branch, tag or commit '"
            + source.revision()
            + "' in "
            + url
            + (branches.isEmpty() ? "" : " (branches: " + branches + ")")
            + "; check the ref or SHA",
        null);
  }

  static GitAccessException of(GitSource source, RemoteUrl url, Exception e) {
    String message = FailureMessages.of(e);
    String lower = message.toLowerCase(Locale.ROOT);
    String what =
        "fetching " + url + (source.revision().isEmpty() ? "" : " at " + source.revision());
    if (source.auth() instanceof GitAuth.SshKey key) {
      if (lower.contains("server key") || lower.contains("host key")) {
        return new GitAccessException(
            what
                + " failed: the host key of "
                + url.uri().getHost()
                + " is not in "
                + key.hostKeys().knownHosts().map(Object::toString).orElse("known_hosts")
                + " (or differs, or is marked @revoked there); add the host's current key"
                + " (ssh-keyscan) to that file",
            e);
      }
      if (lower.contains("auth") || lower.contains("log in")) {
        return new GitAccessException(
            what
                + " failed: the server refused the deploy key from "
                + key.key().source()
                + "; add its public key to the repository as a deploy key (read access is"
                + " enough)",
            e);
      }
    }
    if (source.auth() instanceof GitAuth.Token token
        && (lower.contains("not authorized") || lower.contains("authentication"))) {
      return new GitAccessException(
          what
              + " failed: the server refused the token from "
              + token.token().source()
              + "; check that it is valid and may read the repository",
          e);
    }
    if (source.auth() instanceof GitAuth.None
        && (lower.contains("not authorized") || lower.contains("authentication"))) {
      return new GitAccessException(
          what + " failed: the repository needs credentials; give a deploy key or a token", e);
    }
    return new GitAccessException(what + " failed: " + message, e);
  }
}
