package dev.kubeherd.toolkit.image;

import java.util.Objects;

/**
 * A GitHub user name and token for {@code assemble} (private gems, modules, repositories). The
 * token is only ever written to a file in a private temporary directory that is mounted read-only
 * at {@code /tmp/github} and deleted when the build ends; {@link #toString()} never shows it.
 */
public final class GithubCredentials {
  private final String username;
  private final String token;

  public GithubCredentials(String username, String token) {
    this.username = Objects.requireNonNull(username, "username");
    this.token = Objects.requireNonNull(token, "token");
    if (username.isBlank() || token.isBlank()) {
      throw new IllegalArgumentException("a GitHub user name and token must not be blank");
    }
  }

  public String username() {
    return username;
  }

  /** The token itself: write it to a file, never to a log, argument or environment. */
  public String token() {
    return token;
  }

  @Override
  public String toString() {
    return "GithubCredentials[username=" + username + ", token=***]";
  }
}
