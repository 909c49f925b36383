package dev.kubeherd.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.JobRecord;
import dev.kubeherd.core.model.Project;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** The read API over loopback HTTP on the directory stores of a temporary home. */
class DashboardReadApiTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path home;
  LocalDashboard dash;
  Project rocket;
  Project sled;

  @BeforeEach
  void start() throws Exception {
    dash = new LocalDashboard(home, "");
    rocket =
        dash.project(
            "acme/rocket",
            Map.of(
                "repository", "github.com/acme/rocket",
                "sharedSecret", "hook-secret-value",
                "genericGatewaySecret", "generic-secret-value",
                "github.token", "ghp_token_value",
                "sshKey", "-----BEGIN KEY----- private-key-value",
                "secrets", "{\"API_KEY\":\"api-key-value\",\"DB_PASSWORD\":\"db-password-value\"}",
                "defaultScript", "console.log('hi')",
                "myCustomToken", "custom-token-value"));
    sled = dash.project("acme/sled", Map.of("repository", "github.com/acme/sled"));
  }

  @AfterEach
  void stop() throws Exception {
    dash.close();
  }

  @Test
  void projectsAreListedWithoutAnySecretValue() throws Exception {
    HttpResponse<String> response = dash.get("/api/v1/projects");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(response.body())
        .doesNotContain(
            "hook-secret-value",
            "generic-secret-value",
            "ghp_token_value",
            "private-key-value",
            "api-key-value",
            "db-password-value",
            "custom-token-value");
    JsonNode first =
        Json.MAPPER
            .readTree(response.body())
            .get("projects")
            .valueStream()
            .filter(p -> p.get("id").asString().equals(rocket.id()))
            .findFirst()
            .orElseThrow();
    assertThat(first.get("name").asString()).isEqualTo("acme/rocket");
    assertThat(first.get("repository").asString()).isEqualTo("github.com/acme/rocket");
    assertThat(first.get("secretNames").valueStream().map(JsonNode::asString))
        .containsExactly("API_KEY", "DB_PASSWORD");
    assertThat(first.get("redactedKeys").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrder(
            "sharedSecret", "genericGatewaySecret", "github.token", "sshKey", "myCustomToken");
    assertThat(first.get("settings").get("defaultScript").asString())
        .isEqualTo("console.log('hi')");
  }

  @Test
  void aCloneUrlCarryingATokenIsShownWithoutItInTheListAndTheProject() throws Exception {
    Project withToken =
        dash.project(
            "acme/probe",
            Map.of(
                "repository", "https://ci:repo-pass-value@github.com/acme/probe",
                "cloneURL", "https://x-access-token:ghp_clone_value@github.com/acme/probe.git"));
    Project overSsh =
        dash.project(
            "acme/drill", Map.of("cloneURL", "git:ssh-pass-value@github.com:acme/drill.git"));

    HttpResponse<String> list = dash.get("/api/v1/projects");
    HttpResponse<String> one = dash.get("/api/v1/projects/" + withToken.id());

    for (HttpResponse<String> response : List.of(list, one)) {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .doesNotContain("ghp_clone_value", "x-access-token", "repo-pass-value", "ci:");
    }
    JsonNode shown = Json.MAPPER.readTree(one.body());
    assertThat(shown.get("cloneURL").asString()).isEqualTo("https://github.com/acme/probe.git");
    assertThat(shown.get("repository").asString()).isEqualTo("https://github.com/acme/probe");
    assertThat(dash.json("/api/v1/projects/" + overSsh.id()).get("cloneURL").asString())
        .isEqualTo("git@github.com:acme/drill.git");
    assertThat(list.body()).doesNotContain("ssh-pass-value");
  }

  @Test
  void oneProjectByIdOrUnknownIs404() throws Exception {
    assertThat(dash.json("/api/v1/projects/" + sled.id()).get("name").asString())
        .isEqualTo("acme/sled");

    HttpResponse<String> missing = dash.get("/api/v1/projects/brigade-nope");

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(missing.body()).get("error").asString())
        .contains("brigade-nope");
  }

  @Test
  void buildsAreFilteredByProjectPhaseAndEventAndPagedNewestFirst() throws Exception {
    Build push1 = dash.build(rocket, "push");
    Build pr = dash.build(rocket, "pull_request");
    Build push2 = dash.build(rocket, "push");
    Build other = dash.build(sled, "push");
    dash.builds.claim(push2.id(), "w");

    assertThat(ids(dash.json("/api/v1/builds")))
        .containsExactly(other.id(), push2.id(), pr.id(), push1.id());
    assertThat(ids(dash.json("/api/v1/builds?project=acme/rocket&event=push")))
        .containsExactly(push2.id(), push1.id());
    assertThat(ids(dash.json("/api/v1/builds?project=" + rocket.id() + "&phase=pending")))
        .containsExactly(pr.id(), push1.id());
    assertThat(ids(dash.json("/api/v1/builds?phase=Running"))).containsExactly(push2.id());

    JsonNode page = dash.json("/api/v1/builds?limit=3");
    assertThat(ids(page)).containsExactly(other.id(), push2.id(), pr.id());
    assertThat(page.get("total").asInt()).isEqualTo(4);
    assertThat(page.get("nextOffset").asInt()).isEqualTo(3);
    JsonNode last = dash.json("/api/v1/builds?limit=3&offset=3");
    assertThat(ids(last)).containsExactly(push1.id());
    assertThat(last.get("nextOffset").isNull()).isTrue();
    JsonNode shown = dash.json("/api/v1/builds?event=pull_request").get("builds").get(0);
    assertThat(shown.get("projectName").asString()).isEqualTo("acme/rocket");
    assertThat(shown.get("phase").asString()).isEqualTo("Pending");
  }

  @Test
  void badFiltersAre400NamingTheProblem() throws Exception {
    assertError(dash.get("/api/v1/builds?phase=Done"), 400, "phase 'Done' is not one of");
    assertError(dash.get("/api/v1/builds?limit=0"), 400, "limit must be a whole number");
    assertError(dash.get("/api/v1/builds?offset=x"), 400, "offset must be a whole number");
    assertError(dash.get("/api/v1/builds?projcet=a"), 400, "unknown parameter 'projcet'");
    assertError(dash.get("/api/v1/builds?project=acme/none"), 404, "project \"acme/none\"");
  }

  @Test
  void unknownBuildIs404AndAMalformedIdIs400() throws Exception {
    assertError(dash.get("/api/v1/builds/01hzzzzzzzzzzzzzzzzzzzzzzz"), 404, "not found");
    assertError(dash.get("/api/v1/builds/01hzzzzzzzzzzzzzzzzzzzzzzz/logs"), 404, "not found");
    assertError(dash.get("/api/v1/builds/..%2Fetc/jobs"), 400, "not a valid build ID");
  }

  @Test
  void anUnknownApiRouteIsAJson404() throws Exception {
    assertError(dash.get("/api/v1/nothing/here"), 404, "no API route GET /api/v1/nothing/here");
  }

  @Test
  void aBuildShowsItsJobsWithStartEndDurationAndExitCode() throws Exception {
    Build b = dash.build(rocket, "push");
    dash.builds.claim(b.id(), "w");
    dash.builds.saveJob(job(b, "test", BuildPhase.SUCCEEDED, 0, T0, 1500));
    dash.builds.saveJob(job(b, "lint", BuildPhase.FAILED, 3, T0.plusSeconds(2), 250));
    dash.builds.saveJob(
        new JobRecord(
            b.id(),
            "deploy",
            "deploy-" + b.id(),
            "alpine",
            BuildPhase.RUNNING,
            Optional.of(T0.plusSeconds(4)),
            Optional.empty(),
            Optional.empty()));
    var status = dash.builds.find(b.id()).orElseThrow().status();
    dash.builds.updateStatus(b.id(), status.finished(false, 1, Instant.now(), "job lint failed"));

    JsonNode build = dash.json("/api/v1/builds/" + b.workerName());

    assertThat(build.get("id").asString()).isEqualTo(b.id());
    assertThat(build.get("phase").asString()).isEqualTo("Failed");
    assertThat(build.get("exitCode").asInt()).isEqualTo(1);
    assertThat(build.get("message").asString()).isEqualTo("job lint failed");
    assertThat(build.get("durationMs").isNumber()).isTrue();
    JsonNode jobs = build.get("jobs");
    assertThat(jobs.valueStream().map(j -> j.get("name").asString()))
        .containsExactly("test", "lint", "deploy");
    assertThat(jobs.get(0).get("durationMs").asLong()).isEqualTo(1500);
    assertThat(jobs.get(0).get("exitCode").asInt()).isZero();
    assertThat(jobs.get(1).get("exitCode").asInt()).isEqualTo(3);
    assertThat(jobs.get(1).get("startedAt").asString()).isEqualTo(T0.plusSeconds(2).toString());
    assertThat(jobs.get(1).get("finishedAt").asString())
        .isEqualTo(T0.plusSeconds(2).plusMillis(250).toString());
    assertThat(jobs.get(2).get("durationMs").isNull()).isTrue();
    assertThat(jobs.get(2).get("exitCode").isNull()).isTrue();
    assertThat(dash.json("/api/v1/builds/" + b.id() + "/jobs").get("jobs")).isEqualTo(jobs);
  }

  @Test
  void workerAndJobLogsAreReadByBuildAndJobOrPodName() throws Exception {
    Build b = dash.build(rocket, "push");
    dash.builds.saveJob(job(b, "test", BuildPhase.SUCCEEDED, 0, T0, 10));
    dash.log(b.id(), "worker", "==> started\n");
    dash.log(b.id(), "test-" + b.id(), "ok 1\nok 2\n");

    HttpResponse<String> worker = dash.get("/api/v1/builds/" + b.id() + "/logs");

    assertThat(worker.statusCode()).isEqualTo(200);
    assertThat(worker.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
    assertThat(worker.body()).isEqualTo("==> started\n");
    assertThat(dash.get("/api/v1/builds/" + b.id() + "/jobs/test/logs").body())
        .isEqualTo("ok 1\nok 2\n");
    assertThat(dash.get("/api/v1/builds/" + b.id() + "/jobs/test-" + b.id() + "/logs").body())
        .isEqualTo("ok 1\nok 2\n");
    assertError(
        dash.get("/api/v1/builds/" + b.id() + "/jobs/nope/logs"), 404, "has no job \"nope\"");
  }

  static JobRecord job(
      Build b, String name, BuildPhase phase, int exit, Instant start, long millis) {
    return new JobRecord(
        b.id(),
        name,
        name + "-" + b.id(),
        "alpine:3",
        phase,
        Optional.of(start),
        Optional.of(start.plusMillis(millis)),
        Optional.of(exit));
  }

  static List<String> ids(JsonNode page) {
    return page.get("builds").valueStream().map(b -> b.get("id").asString()).toList();
  }

  static void assertError(HttpResponse<String> response, int status, String message) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Json.MAPPER.readTree(response.body()).get("error").asString()).contains(message);
  }
}
