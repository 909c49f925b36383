package dev.kubeherd.gateway.github;

import java.util.OptionalLong;

/**
 * A delivery whose builds carry the contract's wrapper payload instead of the raw body: {@code
 * type}, an installation {@code token} and {@code tokenExpires}, the original JSON as {@code body},
 * and {@code commit}/{@code branch} (set for issue comments on pull requests, from the fetched pull
 * request). Scripts read e.g. {@code JSON.parse(e.payload).body.check_run.name}.
 *
 * @param type {@code check_suite}, {@code check_run} or {@code issue_comment}
 * @param installationId the App installation that sent the delivery
 * @param pullRequest for issue comments: the pull request to fetch for commit and branch
 */
public record GithubWrapper(String type, long installationId, OptionalLong pullRequest) {}
