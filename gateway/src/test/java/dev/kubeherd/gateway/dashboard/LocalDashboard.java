package dev.kubeherd.gateway.dashboard;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryLogStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.port.LogSink;
import dev.kubeherd.gateway.Loopback;
import dev.kubeherd.gateway.admin.AdminToken;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard on a loopback gateway over the real directory stores of a temporary {@code
 * KUBEHERD_HOME}, with helpers to fill the stores and call the API. Close it after each test.
 */
final class LocalDashboard implements AutoCloseable {
  static final String TOKEN = "operator-token";

  final DirectoryProjectStore projects;
  final DirectoryBuildStore builds;
  final DirectoryLogStore logs;
  final Loopback gateway;

  /**
   * @param token the gateway token, or "" for none
   */
  LocalDashboard(Path home, String token) throws Exception {
    LocalHome local = new LocalHome(home);
    projects = new DirectoryProjectStore(local);
    builds = new DirectoryBuildStore(local, Clock.systemUTC());
    logs = new DirectoryLogStore(local);
    Stores stores = new Stores(projects, builds, logs);
    gateway =
        new Loopback(
            l ->
                List.of(
                    new Dashboard(
                        l.vertx(),
                        stores,
                        AdminToken.of(token),
                        Clock.systemUTC(),
                        Duration.ofMillis(50))));
  }

  Project project(String name, Map<String, String> data) {
    Project p = new Project(ProjectIds.fromName(name), name, "default", data);
    projects.create(p);
    return p;
  }

  Build build(Project project, String event) {
    return builds.create(BuildRequest.of(project.id(), event, "github"));
  }

  void log(String buildId, String source, String text) {
    try (LogSink sink = logs.open(buildId, source)) {
      sink.write(text);
    }
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return gateway.send(HttpRequest.newBuilder(gateway.uri(pathAndQuery)).GET());
  }

  JsonNode json(String pathAndQuery) throws Exception {
    HttpResponse<String> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + ": " + response.statusCode() + " " + response.body());
    }
    return Json.MAPPER.readTree(response.body());
  }

  HttpResponse<String> post(String path, String bearer, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(gateway.uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return gateway.send(request);
  }

  @Override
  public void close() throws Exception {
    gateway.close();
  }
}
