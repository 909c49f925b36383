package dev.kubeherd.controller;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Builds and projects for pure tests. */
final class TestBuilds {
  static final String BUILD_ID = "01ckcc06200kqdvkdp3nc65bap";
  static final String EMPTY_TESTBED =
      "brigade-4897c99315be5d2a2403ea33bdcb24f8116dc69613d5917d879d5f";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private TestBuilds() {}

  static Build brigRun(String id, String projectId) {
    BuildRequest req =
        BuildRequest.of(projectId, "exec", "brigade-cli")
            .withRevision(Revision.ofRef("master"))
            .withLogLevel("log");
    return new Build(id, req, T0, BuildStatus.pending());
  }

  static Project project(String id, Map<String, String> data) {
    return new Project(id, "brigadecore/empty-testbed", "default", data);
  }

  /** A build of {@code project} created {@code minutesAfterT0} after T0, in {@code phase}. */
  static Build build(String id, String project, long minutesAfterT0, BuildPhase phase) {
    BuildStatus s =
        new BuildStatus(phase, "", Optional.empty(), Optional.empty(), Optional.empty(), "");
    return new Build(
        id, BuildRequest.of(project, "exec", "test"), T0.plusSeconds(60 * minutesAfterT0), s);
  }
}
