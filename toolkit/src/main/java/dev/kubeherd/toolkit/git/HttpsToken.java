package dev.kubeherd.toolkit.git;

/**
 * A token for git over HTTPS (GitHub: a personal access, installation or fine-grained token), sent
 * as basic-auth password. {@link #toString()} never shows it.
 */
public final class HttpsToken {
  /** The user name GitHub expects with installation tokens (any name works with PATs). */
  public static final String GITHUB_USER = "x-access-token";

  private final String username;
  private final String token;
  private final String source;

  private HttpsToken(String username, String token, String source) {
    this.username = username;
    this.token = token;
    this.source = source;
  }

  /**
   * @param source where it came from, for messages: {@code SSM parameter /kubeherd/github-token}
   */
  public static HttpsToken of(String username, String token, String source) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the token from " + source + " is empty");
    }
    return new HttpsToken(username, token.strip(), source);
  }

  public String username() {
    return username;
  }

  String token() {
    return token;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "HttpsToken[" + username + ", " + source + "]";
  }
}
