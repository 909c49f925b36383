package dev.kubeherd.worker.source;

import dev.kubeherd.core.KubeherdException;
import dev.kubeherd.git.FailureMessages;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns JGit failures of a checkout into messages that name the project setting to check (never its
 * value).
 */
final class CheckoutFailures {
  private CheckoutFailures() {}

  /**
   * @param kind what was offered to the cloneURL
   * @param certProblem why the project's sshCert was left out, when it was set but unusable
   */
  static KubeherdException of(
      String url, String want, RepoTransport.Kind kind, Optional<String> certProblem, Exception e) {
    String what = "checking out " + url + " at '" + want + "' failed: ";
    if (e instanceof SubmoduleFetchException submodule) {
      return new KubeherdException(what + submoduleHint(submodule, kind, certProblem), e);
    }
    String message = FailureMessages.of(e);
    if (refused(message)) {
      return new KubeherdException(what + refusedHint(kind, certProblem), e);
    }
    return new KubeherdException(
        what + message + "; check the project's cloneURL and the build's ref/commit", e);
  }

  /** Names the submodule; blames the project's setting only when it was offered there. */
  private static String submoduleHint(
      SubmoduleFetchException e, RepoTransport.Kind kind, Optional<String> certProblem) {
    String what = e.getMessage() + ": ";
    String message = FailureMessages.of(e.getCause());
    if (!refused(message)) {
      return what + message + "; check the submodule's URL in .gitmodules at this revision";
    }
    if (e.credentialsOffered()) {
      return what + refusedHint(kind, certProblem);
    }
    return what
        + "the server wants credentials, and the project's sshKey and github.token are sent"
        + " only to the cloneURL's host (scheme, host and port), not to this submodule's; make the"
        + " submodule readable without credentials or move it to the cloneURL's host (a relative"
        + " URL such as ../lib.git works)";
  }

  private static boolean refused(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("authenticat")
        || lower.contains("log in")
        || lower.contains("not authorized");
  }

  private static String refusedHint(RepoTransport.Kind kind, Optional<String> certProblem) {
    if (kind == RepoTransport.Kind.SSH_KEY && certProblem.isPresent()) {
      return "the server refused the project's sshKey, offered alone because the project's sshCert"
          + " could not be used: "
          + certProblem.get()
          + "; if the server accepts the plain key, check that the sshKey may read the repository";
    }
    return switch (kind) {
      case SSH_KEY ->
          "the server refused the project's sshKey; check that the project's sshKey is the"
              + " private key of a deploy key (or user key) that may read the repository, or, if"
              + " the server accepts only certificates signed by a CA, set the project's sshCert"
              + " to that key's OpenSSH user certificate (-cert.pub)";
      case SSH_KEY_AND_CERT ->
          "the server refused the project's sshKey and sshCert; check that the project's sshCert"
              + " is the OpenSSH user certificate of its sshKey, signed by a CA the server trusts"
              + " and naming a principal the server accepts for this user, or that the sshKey"
              + " alone may read the repository";
      case TOKEN ->
          "the server refused the project's github.token; check that the project's github.token"
              + " is valid and may read the repository";
      case NONE ->
          "the repository needs credentials; set the project's sshKey (for an SSH cloneURL) or"
              + " github.token (for an HTTPS cloneURL)";
    };
  }
}
