package dev.kubeherd.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The screen of {@code brig term} for fixed projects, builds and time. */
class TermScreenTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static Build build(String id, String project, String type, Duration ago, BuildStatus status) {
    return new Build(id, BuildRequest.of(project, type, "github"), NOW.minus(ago), status);
  }

  @Test
  void eachProjectShowsItsBuildCountAndLatestBuildsEventPhaseAndAge() {
    Project api = new Project("brigade-api", "acme/api", "brigade", Map.of());
    Project web = new Project("brigade-web", "acme/web", "brigade", Map.of());
    Instant started = NOW.minus(Duration.ofMinutes(4));
    List<Build> builds =
        List.of(
            build(
                "01a",
                "brigade-api",
                "push",
                Duration.ofHours(2),
                BuildStatus.pending().running("w", started).finished(true, 0, started, "")),
            build(
                "01c",
                "brigade-api",
                "pull_request",
                Duration.ofMinutes(5),
                BuildStatus.pending().running("w", started)),
            build("01d", "brigade-gone", "exec", Duration.ZERO, BuildStatus.pending()));

    String screen =
        TermScreen.render(
            "namespace brigade", Duration.ofSeconds(3), List.of(web, api), builds, NOW);

    assertThat(screen)
        .isEqualTo(
            """
            brig term: namespace brigade, 2 project(s) at 2026-03-01T12:00:00Z; refreshed every\
             3s, Ctrl-C quits

            PROJECT   BUILDS  LATEST  EVENT         PHASE    AGE
            acme/api  2       01c     pull_request  Running  5m
            acme/web  0       -       -             -        -
            """);
  }

  @Test
  void noProjectsIsAnEmptyTable() {
    String screen =
        TermScreen.render("the local store", Duration.ofMillis(500), List.of(), List.of(), NOW);

    assertThat(screen)
        .isEqualTo(
            """
            brig term: the local store, 0 project(s) at 2026-03-01T12:00:00Z; refreshed every\
             500ms, Ctrl-C quits

            PROJECT  BUILDS  LATEST  EVENT  PHASE  AGE
            """);
  }
}
