package dev.kubeherd.gateway.github;

import dev.kubeherd.core.model.BuildRequest;
import java.util.List;
import java.util.Optional;

/**
 * What one GitHub delivery means: answered without builds ({@link Kind#PING}, {@link Kind#IGNORED},
 * {@link Kind#SKIPPED}) or the builds to store ({@link Kind#BUILDS}).
 *
 * @param projectName {@code repository.full_name}; empty for ping and ignored events
 * @param message why nothing is built, for the HTTP answer; empty for builds
 * @param wrapper present when the builds' payload is to be the contract's wrapper (it needs an
 *     installation token, so the receiver builds it after the signature is checked)
 */
public record GithubMapping(
    Kind kind,
    String projectName,
    List<BuildRequest> builds,
    String message,
    Optional<GithubWrapper> wrapper) {

  /** The possible answers to a delivery. */
  public enum Kind {
    /** GitHub's {@code ping}: answered OK, nothing stored. */
    PING,
    /** An event type the gateway does not handle. */
    IGNORED,
    /** A handled event that creates nothing (branch deletion, filtered action, author, event). */
    SKIPPED,
    /** One or more builds to store. */
    BUILDS
  }

  public GithubMapping {
    builds = List.copyOf(builds);
  }

  GithubMapping(Kind kind, String projectName, List<BuildRequest> builds, String message) {
    this(kind, projectName, builds, message, Optional.empty());
  }

  static GithubMapping ping() {
    return new GithubMapping(Kind.PING, "", List.of(), "OK");
  }

  static GithubMapping ignored() {
    return new GithubMapping(Kind.IGNORED, "", List.of(), "Ignored");
  }

  static GithubMapping skipped(String projectName, String message) {
    return new GithubMapping(Kind.SKIPPED, projectName, List.of(), message);
  }

  static GithubMapping builds(String projectName, List<BuildRequest> builds) {
    if (builds.isEmpty()) {
      return skipped(projectName, "build skipped: no event of this delivery is allowed");
    }
    return new GithubMapping(Kind.BUILDS, projectName, builds, "");
  }

  static GithubMapping wrapped(
      String projectName, List<BuildRequest> builds, GithubWrapper wrapper) {
    GithubMapping plain = builds(projectName, builds);
    return plain.kind() != Kind.BUILDS
        ? plain
        : new GithubMapping(Kind.BUILDS, projectName, builds, "", Optional.of(wrapper));
  }
}
