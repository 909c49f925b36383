package dev.kubeherd.gateway.github;

import java.util.Set;
import tools.jackson.core.filter.TokenFilter;

/**
 * The parts of a webhook body that {@link GithubEvents} reads; parsing skips the rest without
 * building nodes for it (a push's {@code commits}, {@code sender} and {@code pusher}, and all of
 * {@code repository} but its {@code full_name}: most of the body). The skipped parts are still
 * scanned, so a body that is not JSON is refused as before. Empty objects are kept, so a body with
 * none of these fields still parses as an object.
 */
final class DeliveryFields extends TokenFilter {
  static final TokenFilter ROOT = new DeliveryFields();

  /** Top-level fields kept whole: every one the mapping of some event type reads. */
  private static final Set<String> WHOLE =
      Set.of(
          "action",
          "check_run",
          "check_suite",
          "comment",
          "commit",
          "deleted",
          "deployment",
          "deployment_status",
          "head_commit",
          "installation",
          "issue",
          "pull_request",
          "ref",
          "release");

  private static final TokenFilter REPOSITORY =
      new TokenFilter() {
        @Override
        public TokenFilter includeProperty(String name) {
          return "full_name".equals(name) ? TokenFilter.INCLUDE_ALL : null;
        }

        @Override
        public boolean includeEmptyObject(boolean contentsFiltered) {
          return true;
        }
      };

  private DeliveryFields() {}

  @Override
  public TokenFilter includeProperty(String name) {
    if ("repository".equals(name)) {
      return REPOSITORY;
    }
    return WHOLE.contains(name) ? TokenFilter.INCLUDE_ALL : null;
  }

  @Override
  public boolean includeEmptyObject(boolean contentsFiltered) {
    return true;
  }
}
