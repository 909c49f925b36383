package dev.kubeherd.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.gateway.LogCapture;
import dev.kubeherd.gateway.Loopback;
import dev.kubeherd.gateway.SwitchableBuildStore;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container-registry gateway end to end over loopback HTTP, with real directory stores. */
class RegistryGatewayTest {
  private static final String PUSH =
      "{\"push_data\":{\"tag\":\"latest\"},\"repository\":{\"repo_name\":\"acme/rocket\"}}";
  private static final String SCRIPT = "const {events} = require('brigadier')";
  private static final String TOKEN = "Regi5tryT0ken";
  private static final String ROCKET = ProjectIds.fromName("acme/rocket");
  private static final String SOLO = ProjectIds.fromName("solo");

  @TempDir Path tmp;

  private SwitchableBuildStore builds;
  private Loopback gateway;

  @BeforeEach
  void start() throws Exception {
    LocalHome home = new LocalHome(tmp);
    DirectoryProjectStore projects = new DirectoryProjectStore(home);
    projects.create(
        new Project(
            ROCKET,
            "acme/rocket",
            "default",
            Map.of(
                ProjectKeys.REPOSITORY,
                "github.com/acme/rocket",
                ProjectKeys.DEFAULT_SCRIPT,
                SCRIPT)));
    projects.create(
        new Project(SOLO, "solo", "default", Map.of(ProjectKeys.REPOSITORY, "github.com/x/solo")));
    projects.create(
        new Project(ProjectIds.fromName("acme/norepo"), "acme/norepo", "default", Map.of()));
    projects.create(
        new Project(
            ProjectIds.fromName("acme/guarded"),
            "acme/guarded",
            "default",
            Map.of(
                ProjectKeys.REPOSITORY,
                "github.com/acme/guarded",
                ProjectKeys.REGISTRY_GATEWAY_TOKEN,
                TOKEN)));
    builds = new SwitchableBuildStore(new DirectoryBuildStore(home, Clock.systemUTC()));
    RegistryReceiver receiver = new RegistryReceiver(projects, builds);
    gateway = new Loopback(l -> List.of(new RegistryGateway(l.vertx(), receiver, l.metrics())));
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  private List<Build> stored() {
    return builds.list(Optional.empty());
  }

  private Build onlyBuild(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> ids = Loopback.buildIds(response);
    assertThat(ids).hasSize(1);
    return builds.find(ids.get(0)).orElseThrow();
  }

  @Test
  void pushToOrgSlashRepoIsStoredBeforeTheV1Answer() throws Exception {
    HttpResponse<String> response = gateway.post("/events/webhook/acme/rocket", PUSH);

    assertThat(response.body()).startsWith("{\"status\":\"Success\"");
    Build build = onlyBuild(response);
    assertThat(build.projectId()).isEqualTo(ROCKET);
    assertThat(build.request().type()).isEqualTo("image_push");
    assertThat(build.request().provider()).isEqualTo("dockerhub");
    assertThat(build.request().revision()).isEqualTo(Revision.ofRef(""));
    assertThat(build.request().payload()).isEqualTo(PUSH);
    assertThat(build.request().script()).isEqualTo(SCRIPT);
  }

  @Test
  void theCommitComesFromThePathUnlessTheQueryGivesOne() throws Exception {
    Build fromPath = onlyBuild(gateway.post("/events/webhook/acme/rocket/v1.0", PUSH));
    Build fromQuery =
        onlyBuild(gateway.post("/events/webhook/acme/rocket/v1.0?commit=refs/heads/dev", PUSH));

    assertThat(fromPath.request().revision()).isEqualTo(Revision.ofRef("v1.0"));
    assertThat(fromQuery.request().revision()).isEqualTo(Revision.ofRef("refs/heads/dev"));
  }

  @Test
  void theOrgAloneNamesAProjectByIdOrByOneSegmentName() throws Exception {
    Build byName = onlyBuild(gateway.post("/events/webhook/solo", PUSH));
    Build byId = onlyBuild(gateway.post("/events/webhook/" + ROCKET + "?commit=c1", PUSH));

    assertThat(byName.projectId()).isEqualTo(SOLO);
    assertThat(byName.request().script()).isEmpty();
    assertThat(byId.projectId()).isEqualTo(ROCKET);
    assertThat(byId.request().revision()).isEqualTo(Revision.ofRef("c1"));
  }

  @Test
  void unknownProjectIs400ProjectNotFound() throws Exception {
    HttpResponse<String> response = gateway.post("/events/webhook/acme/nope", PUSH);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"status\":\"project not found\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void projectWithoutARepositoryIs400BrigadejsNotFound() throws Exception {
    HttpResponse<String> response = gateway.post("/events/webhook/acme/norepo", PUSH);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"status\":\"brigadejs not found\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void theBodyIsNotParsedSoAnyRegistrysNotificationBuilds() throws Exception {
    Build build = onlyBuild(gateway.post("/events/webhook/acme/rocket", "plain text"));

    assertThat(build.request().payload()).isEqualTo("plain text");
  }

  @Test
  void aProjectWithATokenRefusesPushesWithoutIt() throws Exception {
    HttpResponse<String> missing = gateway.post("/events/webhook/acme/guarded", PUSH);
    HttpResponse<String> wrong = gateway.post("/events/webhook/acme/guarded?token=guess", PUSH);

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body()).contains("token required").doesNotContain(TOKEN);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo("{\"status\":\"token is wrong\"}");
    assertThat(stored()).isEmpty();
  }

  @Test
  void aProjectWithATokenBuildsPushesCarryingItAndNeverLogsIt() throws Exception {
    try (LogCapture log = new LogCapture()) {
      HttpResponse<String> response =
          gateway.post("/events/webhook/acme/guarded?token=" + TOKEN, PUSH);

      assertThat(onlyBuild(response).request().type()).isEqualTo("image_push");
      String text =
          log.await(
              t -> t.contains("POST /events/webhook/acme/guarded 200"), Duration.ofSeconds(5));
      assertThat(text).contains("POST /events/webhook/acme/guarded 200").doesNotContain(TOKEN);
    }
  }

  @Test
  void storeThatIsDownIs503AndStoresNothing() throws Exception {
    builds.down(true);

    HttpResponse<String> response = gateway.post("/events/webhook/acme/rocket", PUSH);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("resend");
    builds.down(false);
    assertThat(stored()).isEmpty();
  }

  @Test
  void storeThatCannotWriteItsFilesIs503() throws Exception {
    Path dir = tmp.resolve("builds");
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.writeString(dir, "not a directory");

    HttpResponse<String> response = gateway.post("/events/webhook/acme/rocket", PUSH);

    assertThat(response.statusCode()).isEqualTo(503);
  }

  @Test
  void aBodyOverTheLimitIsRefusedWith413AndStoresNothing() throws Exception {
    String huge = "{\"pad\":\"" + "x".repeat((int) RegistryGateway.BODY_LIMIT) + "\"}";

    HttpResponse<String> response = gateway.post("/events/webhook/acme/rocket", huge);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(stored()).isEmpty();
  }

  @Test
  void pushesAreCountedAsImagePush() throws Exception {
    gateway.post("/events/webhook/acme/rocket", PUSH);

    assertThat(gateway.metrics().scrape())
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"image_push\",gateway=\"registry\","
                + "result=\"200\"} 1.0");
  }

  @Test
  void slowClientsDoNotHoldUpOtherPushes() throws Exception {
    List<Socket> stalled = gateway.stalledClients(20, "/events/webhook/acme/rocket");
    try {
      long start = System.nanoTime();

      HttpResponse<String> response = gateway.post("/events/webhook/acme/rocket", PUSH);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }
}
