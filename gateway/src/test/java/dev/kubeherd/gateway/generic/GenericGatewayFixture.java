package dev.kubeherd.gateway.generic;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.Loopback;
import dev.kubeherd.gateway.SwitchableBuildStore;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic gateway over loopback HTTP with real directory stores: project Acme/Rocket with a
 * generic secret, Acme/Open without one, and a build store that can be switched off.
 */
abstract class GenericGatewayFixture {
  static final String SECRET = "Gen3ricS3cret";
  static final String ROCKET = ProjectIds.fromName("Acme/Rocket");
  static final String OPEN = ProjectIds.fromName("Acme/Open");
  static final String CLOUD_V02 =
      "{\"specversion\":\"0.2\",\"id\":\"evt-1\",\"type\":\"com.example.deployed\","
          + "\"source\":\"/ci/pipeline\",\"data\":{\"ref\":\"refs/heads/main\",\"commit\":\"abc\"}}";
  static final String CLOUD_V1 = CLOUD_V02.replace("\"0.2\"", "\"1.0\"");

  @TempDir Path tmp;

  SwitchableBuildStore builds;
  Loopback gateway;

  @BeforeEach
  void start() throws Exception {
    LocalHome home = new LocalHome(tmp);
    DirectoryProjectStore projects = new DirectoryProjectStore(home);
    projects.create(
        new Project(
            ROCKET, "Acme/Rocket", "default", Map.of(ProjectKeys.GENERIC_GATEWAY_SECRET, SECRET)));
    projects.create(new Project(OPEN, "Acme/Open", "default", Map.of()));
    builds = new SwitchableBuildStore(new DirectoryBuildStore(home, Clock.systemUTC()));
    GenericReceiver receiver = new GenericReceiver(projects, builds, new DirectoryDeliveries(home));
    gateway = new Loopback(l -> List.of(new GenericGateway(l.vertx(), receiver, l.metrics())));
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  static String simple(String project, String secret) {
    return "/simpleevents/v1/" + project + "/" + secret;
  }

  static String cloud(String version, String project, String secret) {
    return "/cloudevents/" + version + "/" + project + "/" + secret;
  }

  List<Build> stored() {
    return builds.list(Optional.empty());
  }

  HttpRequest.Builder binary(String id, String data) {
    return HttpRequest.newBuilder(gateway.uri(cloud("v1", ROCKET, SECRET)))
        .header("Content-Type", "application/json")
        .header("ce-specversion", "1.0")
        .header("ce-id", id)
        .header("ce-source", "urn:example:registry")
        .header("ce-type", "com.example.pushed")
        .POST(HttpRequest.BodyPublishers.ofString(data));
  }
}
