package dev.kubeherd.gateway.registry;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.BodyText;
import dev.kubeherd.gateway.SecretMatch;
import java.util.Optional;

/**
 * The container-registry gateway's rules (Brigade v1's Docker Hub gateway): which project a path
 * names, the opt-in token, and the {@code image_push} build. The body is not parsed: any registry's
 * push notification works, and scripts read it from the payload. Pure.
 */
public final class RegistryEvents {
  public static final String TYPE = "image_push";
  public static final String PROVIDER = "dockerhub";
  static final String PROJECT_NOT_FOUND = "project not found";
  static final String NO_REPOSITORY = "brigadejs not found";
  static final String TOKEN_MISSING =
      "token required: this project sets "
          + ProjectKeys.REGISTRY_GATEWAY_TOKEN
          + "; add ?token=<token> to the webhook URL";
  static final String TOKEN_WRONG = "token is wrong";

  private RegistryEvents() {}

  /**
   * The project a path names: {@code org} alone (a project ID or a one-segment name) or {@code
   * org/repo}.
   */
  public static String projectName(String org, String repo) {
    return repo == null || repo.isEmpty() ? org : org + "/" + repo;
  }

  /**
   * The commitish: the {@code commit} query parameter when given, else the path's {@code :commit}.
   */
  public static String commitish(String query, String path) {
    if (query != null && !query.isEmpty()) {
      return query;
    }
    return path == null ? "" : path;
  }

  /**
   * Empty when the request may build, else the 401 status text. Projects without a {@code
   * kubeherd.registryGatewayToken} accept every request, as v1 did; with one, {@code ?token=} must
   * equal it (compared in constant time).
   */
  public static Optional<String> tokenRefusal(Project project, String token) {
    String expected = project.value(ProjectKeys.REGISTRY_GATEWAY_TOKEN);
    if (expected.isEmpty()) {
      return Optional.empty();
    }
    if (token == null || token.isEmpty()) {
      return Optional.of(TOKEN_MISSING);
    }
    return SecretMatch.matches(expected, token) ? Optional.empty() : Optional.of(TOKEN_WRONG);
  }

  /**
   * The build for a push: revision ref = the commitish (possibly empty, as v1), payload the raw
   * body, script the project's {@code defaultScript} when it has one.
   */
  public static BuildRequest toBuild(Project project, String commitish, byte[] body) {
    return BuildRequest.of(project.id(), TYPE, PROVIDER)
        .withRevision(Revision.ofRef(commitish))
        .withPayload(BodyText.of(body))
        .withScript(project.value(ProjectKeys.DEFAULT_SCRIPT));
  }
}
