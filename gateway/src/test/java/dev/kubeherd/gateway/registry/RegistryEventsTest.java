package dev.kubeherd.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.model.Revision;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryEventsTest {

  @Test
  void projectIsTheOrgAloneOrOrgSlashRepo() {
    assertThat(RegistryEvents.projectName("brigade-abc", "")).isEqualTo("brigade-abc");
    assertThat(RegistryEvents.projectName("acme", null)).isEqualTo("acme");
    assertThat(RegistryEvents.projectName("acme", "rocket")).isEqualTo("acme/rocket");
  }

  @Test
  void commitQueryParameterWinsOverThePath() {
    assertThat(RegistryEvents.commitish("q", "p")).isEqualTo("q");
    assertThat(RegistryEvents.commitish("", "p")).isEqualTo("p");
    assertThat(RegistryEvents.commitish(null, null)).isEmpty();
  }

  @Test
  void pushBuildCarriesTheRawBodyTheCommitishAndTheDefaultScript() {
    Project project =
        new Project(
            "brigade-p",
            "acme/rocket",
            "",
            Map.of(ProjectKeys.DEFAULT_SCRIPT, "events.on('image_push', () => {})"));
    byte[] body = "not even json".getBytes(StandardCharsets.UTF_8);

    BuildRequest build = RegistryEvents.toBuild(project, "v1.2", body);

    assertThat(build.projectId()).isEqualTo("brigade-p");
    assertThat(build.type()).isEqualTo("image_push");
    assertThat(build.provider()).isEqualTo("dockerhub");
    assertThat(build.revision()).isEqualTo(Revision.ofRef("v1.2"));
    assertThat(build.payload()).isEqualTo("not even json");
    assertThat(build.script()).isEqualTo("events.on('image_push', () => {})");
  }

  @Test
  void withoutAProjectTokenEveryPushIsAllowedAsInV1() {
    Project open = new Project("brigade-p", "p", "", Map.of());

    assertThat(RegistryEvents.tokenRefusal(open, null)).isEmpty();
    assertThat(RegistryEvents.tokenRefusal(open, "anything")).isEmpty();
  }

  @Test
  void withAProjectTokenThePushMustCarryIt() {
    Project guarded =
        new Project("brigade-p", "p", "", Map.of(ProjectKeys.REGISTRY_GATEWAY_TOKEN, "t0k3n"));

    assertThat(RegistryEvents.tokenRefusal(guarded, "t0k3n")).isEmpty();
    assertThat(RegistryEvents.tokenRefusal(guarded, null))
        .hasValueSatisfying(r -> assertThat(r).startsWith("token required"));
    assertThat(RegistryEvents.tokenRefusal(guarded, "t0k3")).contains("token is wrong");
  }
}
