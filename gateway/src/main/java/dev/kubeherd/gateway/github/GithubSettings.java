package dev.kubeherd.gateway.github;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GitHub gateway's filters and default secret, with the Brigade v1 defaults: every event
 * ({@code *}) and fork pull requests only from {@code COLLABORATOR}, {@code OWNER} or {@code
 * MEMBER} authors.
 *
 * @param allowedEvents event names that may create builds: {@code *}, a plain name ({@code push})
 *     or a qualified one ({@code pull_request:opened})
 * @param allowedAuthors upper-case GitHub author associations allowed to build fork pull requests
 * @param defaultSecret webhook secret for projects without a {@code sharedSecret}; empty for none
 */
public record GithubSettings(
    Set<String> allowedEvents, Set<String> allowedAuthors, String defaultSecret) {
  public static final String EVENTS_ENV = "BRIGADE_EVENTS";
  public static final String AUTHORS_ENV = "BRIGADE_AUTHORS";
  public static final String DEFAULT_SECRET_ENV = "DEFAULT_SHARED_SECRET";
  public static final String DEFAULT_EVENTS = "*";
  public static final String DEFAULT_AUTHORS = "COLLABORATOR,OWNER,MEMBER";

  public GithubSettings {
    allowedEvents = Set.copyOf(allowedEvents);
    allowedAuthors =
        allowedAuthors.stream()
            .map(a -> a.toUpperCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    defaultSecret = defaultSecret == null ? "" : defaultSecret;
  }

  /** The v1 defaults with the given default secret. */
  public static GithubSettings defaults(String defaultSecret) {
    return new GithubSettings(list(DEFAULT_EVENTS), list(DEFAULT_AUTHORS), defaultSecret);
  }

  /** From {@code BRIGADE_EVENTS}, {@code BRIGADE_AUTHORS} and {@code DEFAULT_SHARED_SECRET}. */
  public static GithubSettings fromEnv(Map<String, String> env) {
    return new GithubSettings(
        list(env.getOrDefault(EVENTS_ENV, DEFAULT_EVENTS)),
        list(env.getOrDefault(AUTHORS_ENV, DEFAULT_AUTHORS)),
        env.getOrDefault(DEFAULT_SECRET_ENV, ""));
  }

  /** Whether a build named {@code qualified} ({@code event} or {@code event:action}) may run. */
  public boolean allowsEvent(String qualified) {
    int colon = qualified.indexOf(':');
    String plain = colon < 0 ? qualified : qualified.substring(0, colon);
    return allowedEvents.contains("*")
        || allowedEvents.contains(qualified)
        || allowedEvents.contains(plain);
  }

  /** Whether a fork pull request by an author with this association may build. */
  public boolean allowsAuthor(String authorAssociation) {
    return allowedAuthors.contains(authorAssociation.toUpperCase(Locale.ROOT));
  }

  private static Set<String> list(String commaList) {
    return Arrays.stream(commaList.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    // never print the secret
    return "GithubSettings[allowedEvents="
        + allowedEvents
        + ", allowedAuthors="
        + allowedAuthors
        + ", defaultSecret="
        + (defaultSecret.isEmpty() ? "none" : "***")
        + "]";
  }
}
