package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.BuildStatus;
import dev.kubeherd.core.model.Revision;
import java.time.Instant;

/** GitHub builds and payloads as the GitHub gateway stores them. */
final class TestBuilds {
  static final String PROJECT = "brigade-acme-rocket";
  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  static final String DEPLOYMENT =
      """
      {"action":"created",
       "deployment":{"id":42,"sha":"%s","ref":"main","environment":"production",
                     "payload":{"environment_url":"https://rocket.example.com"}},
       "repository":{"full_name":"acme/rocket"}}
      """
          .formatted(SHA);

  static final String PUSH =
      """
      {"ref":"refs/heads/main","after":"%s","head_commit":{"id":"%s"},
       "repository":{"full_name":"acme/rocket"}}
      """
          .formatted(SHA, SHA);

  static final String PULL_REQUEST =
      """
      {"action":"opened","number":7,"pull_request":{"head":{"sha":"%s"}},
       "repository":{"full_name":"acme/rocket"}}
      """
          .formatted(SHA);

  private TestBuilds() {}

  /** The payload with {@code "installation":{"id":<id>}} added. */
  static String fromInstallation(String payload, long id) {
    return payload.replaceFirst("\\{", "{\"installation\":{\"id\":" + id + "},");
  }

  static Build pending(String id, String type, String payload) {
    BuildRequest request =
        BuildRequest.of(PROJECT, type, "github")
            .withRevision(new Revision(SHA, "refs/heads/main"))
            .withPayload(payload);
    return new Build(id, request, T0, BuildStatus.pending());
  }

  static Build running(Build build) {
    return build.withStatus(BuildStatus.pending().running("worker-1", T0.plusSeconds(1)));
  }

  static Build succeeded(Build build) {
    return build.withStatus(running(build).status().finished(true, 0, T0.plusSeconds(9), ""));
  }

  static Build failed(Build build, String why) {
    return build.withStatus(running(build).status().finished(false, 1, T0.plusSeconds(9), why));
  }

  /** Failed before any worker took it (project missing and the like). */
  static Build failedUnclaimed(Build build, String why) {
    return build.withStatus(BuildStatus.pending().finished(false, 1, T0.plusSeconds(2), why));
  }
}
