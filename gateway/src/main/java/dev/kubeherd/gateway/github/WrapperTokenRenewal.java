package dev.kubeherd.gateway.github;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.port.ProjectStore;
import java.util.Optional;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gives a replayed build's wrapper payload ({@code check_suite}, {@code check_run}, {@code
 * issue_comment}) a new installation token: the stored one lasted an hour from the original
 * delivery, so a replay would hand its script an expired token. Other builds pass unchanged.
 * Blocking: it may ask GitHub for a token.
 */
public final class WrapperTokenRenewal implements UnaryOperator<BuildRequest> {
  private final ProjectStore projects;
  private final GithubApp app;

  public WrapperTokenRenewal(ProjectStore projects, GithubApp app) {
    this.projects = projects;
    this.app = app;
  }

  /** The renewal with the gateway's App, or no change at all when it runs as none. */
  public static UnaryOperator<BuildRequest> of(ProjectStore projects, Optional<GithubApp> app) {
    return app.<UnaryOperator<BuildRequest>>map(a -> new WrapperTokenRenewal(projects, a))
        .orElse(UnaryOperator.identity());
  }

  /**
   * @throws GithubAppException when GitHub hands out no token: the replay then stores nothing
   */
  @Override
  public BuildRequest apply(BuildRequest request) {
    Optional<ObjectNode> wrapper = wrapper(request);
    if (wrapper.isEmpty()) {
      return request;
    }
    long installation = wrapper.get().at("/body/installation/id").asLong();
    Optional<Project> project = projects.find(request.projectId());
    if (project.isEmpty()) {
      return request; // the replay fails on the missing project where it is run
    }
    GithubApp.Token token;
    try {
      token = app.installationToken(GithubApp.apiBaseUrl(project.get()), installation);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GithubAppException("interrupted while renewing the installation token", e);
    }
    wrapper.get().put("token", token.value());
    wrapper.get().put("tokenExpires", token.expiresAt().toString());
    return request.withPayload(Json.MAPPER.writeValueAsString(wrapper.get()));
  }

  /** The payload as a wrapper: type, token, tokenExpires and a body naming an installation. */
  private static Optional<ObjectNode> wrapper(BuildRequest request) {
    if (!"github".equals(request.provider()) || !request.payload().startsWith("{\"type\":")) {
      return Optional.empty();
    }
    try {
      JsonNode payload = Json.MAPPER.readTree(request.payload());
      if (payload instanceof ObjectNode object
          && object.has("token")
          && object.has("tokenExpires")
          && object.at("/body/installation/id").isIntegralNumber()) {
        return Optional.of(object);
      }
    } catch (JacksonException e) {
      // not a wrapper
    }
    return Optional.empty();
  }
}
