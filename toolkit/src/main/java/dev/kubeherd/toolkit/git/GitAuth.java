package dev.kubeherd.toolkit.git;

/** How to authenticate to a remote: nothing, an SSH deploy key, or an HTTPS token. */
public sealed interface GitAuth {
  /** Public repositories, local paths and {@code file://}. */
  static GitAuth none() {
    return None.INSTANCE;
  }

  /** For {@code ssh://} and {@code git@host:org/repo} URLs. */
  static GitAuth sshKey(SshDeployKey key, HostKeys hostKeys) {
    return new SshKey(key, hostKeys);
  }

  /** For {@code https://} URLs. */
  static GitAuth token(HttpsToken token) {
    return new Token(token);
  }

  /** No credentials. */
  enum None implements GitAuth {
    INSTANCE
  }

  /** A deploy key and how host keys are checked. */
  record SshKey(SshDeployKey key, HostKeys hostKeys) implements GitAuth {}

  /** A token sent as basic-auth password. */
  record Token(HttpsToken token) implements GitAuth {}
}
