package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Completes the builds of a {@link GithubWrapper} delivery: asks the {@link GithubApp} for an
 * installation token (and, for a pull request comment, for the pull request's head), then gives
 * every build the wrapper payload and, for comments, the head commit as its revision. Runs after
 * the signature check, never for an unsigned delivery. Blocking.
 */
final class WrapperPayloads {
  private final GithubApp app;

  WrapperPayloads(GithubApp app) {
    this.app = app;
  }

  /**
   * @throws GithubAppException when GitHub hands out no token or pull request
   */
  List<BuildRequest> complete(
      Project project, GithubMapping mapping, GithubWrapper wrapper, String body)
      throws InterruptedException {
    String baseUrl = GithubApp.apiBaseUrl(project);
    GithubApp.Token token = app.installationToken(baseUrl, wrapper.installationId());
    String commit = "";
    String branch = "";
    if (wrapper.pullRequest().isPresent()) {
      GithubApp.PullRequestHead head =
          app.pullRequest(
              baseUrl, token.value(), mapping.projectName(), wrapper.pullRequest().getAsLong());
      commit = head.sha();
      branch = head.ref();
    }
    String payload = payload(wrapper.type(), token, body, commit, branch);
    List<BuildRequest> out = new ArrayList<>();
    for (BuildRequest b : mapping.builds()) {
      Revision revision =
          commit.isEmpty() ? b.revision() : new Revision(commit, b.revision().ref());
      out.add(
          new BuildRequest(
              b.projectId(),
              b.type(),
              b.provider(),
              revision,
              payload,
              b.script(),
              b.config(),
              b.logLevel(),
              b.shortTitle(),
              b.longTitle(),
              b.cloneUrl()));
    }
    return out;
  }

  /** The contract's wrapper: type, token, tokenExpires (RFC 3339), body, commit, branch. */
  static String payload(
      String type, GithubApp.Token token, String body, String commit, String branch) {
    Map<String, Object> wrapper = new LinkedHashMap<>();
    wrapper.put("type", type);
    wrapper.put("token", token.value());
    wrapper.put("tokenExpires", token.expiresAt().toString());
    wrapper.put("body", Json.MAPPER.readTree(body));
    wrapper.put("commit", commit);
    wrapper.put("branch", branch);
    return Json.MAPPER.writeValueAsString(wrapper);
  }
}
