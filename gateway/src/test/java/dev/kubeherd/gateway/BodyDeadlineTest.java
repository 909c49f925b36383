package dev.kubeherd.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.gateway.generic.GenericGateway;
import dev.kubeherd.gateway.generic.GenericReceiver;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sender that does not finish its body in time is answered 408 and disconnected. */
class BodyDeadlineTest {
  private static final String PROJECT = ProjectIds.fromName("Acme/Rocket");
  private static final String PATH = "/simpleevents/v1/" + PROJECT + "/s3cret";

  @TempDir Path tmp;
  private Loopback gateway;
  private DirectoryBuildStore builds;

  @BeforeEach
  void start() throws Exception {
    LocalHome home = new LocalHome(tmp);
    DirectoryProjectStore projects = new DirectoryProjectStore(home);
    projects.create(
        new Project(
            PROJECT,
            "Acme/Rocket",
            "default",
            Map.of(ProjectKeys.GENERIC_GATEWAY_SECRET, "s3cret")));
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    GenericReceiver receiver = new GenericReceiver(projects, builds, new DirectoryDeliveries(home));
    gateway =
        new Loopback(
            l -> List.of(new GenericGateway(l.vertx(), receiver, l.metrics())),
            Duration.ofMillis(500));
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  @Test
  void aSenderThatStallsMidBodyIsAnswered408AndDisconnected() throws Exception {
    Socket stalled = gateway.stalledClients(1, PATH).getFirst();
    try (stalled) {
      stalled.setSoTimeout(10_000);
      InputStream in = stalled.getInputStream();

      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until closed

      assertThat(answer).startsWith("HTTP/1.1 408").contains("request body not received");
    }
    assertThat(builds.list(Optional.empty())).isEmpty();
  }

  @Test
  void aSenderThatSendsItsBodyInTimeIsServedAsUsual() throws Exception {
    assertThat(gateway.post(PATH, "").statusCode()).isEqualTo(200);
    Thread.sleep(700); // past the deadline: its timer must not answer the finished request again
    assertThat(gateway.post(PATH, "").statusCode()).isEqualTo(200);
    assertThat(builds.list(Optional.empty())).hasSize(2);
  }

  @Test
  void aSenderThatGoesAwayUnansweredIsNotCountedAsADelivery() throws Exception {
    for (Socket s : gateway.stalledClients(3, PATH)) {
      s.close();
    }
    Thread.sleep(300); // the server sees the connections close

    assertThat(gateway.post(PATH, "").statusCode()).isEqualTo(200);

    assertThat(gateway.metrics().scrape())
        .contains(
            "kubeherd_gateway_deliveries_total{event=\"simpleevent\",gateway=\"generic\","
                + "result=\"200\"} 1.0");
  }
}
