package dev.kubeherd.gateway.dashboard;

import static dev.kubeherd.gateway.dashboard.DashboardReadApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildPhase;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.service.BuildCancel;
import dev.kubeherd.gateway.admin.AdminToken;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Rerun and cancel over HTTP: off without a token, refused with a wrong one, shared with brig. */
class DashboardActionsTest {
  @TempDir Path home;
  LocalDashboard dash;

  @AfterEach
  void stop() throws Exception {
    dash.close();
  }

  private Project start(String token) throws Exception {
    dash = new LocalDashboard(home, token);
    return dash.project("acme/rocket", Map.of());
  }

  @Test
  void withoutAConfiguredTokenRerunAndCancelAre403SayingHowToTurnThemOn() throws Exception {
    Build b = dash(start(""));

    assertError(dash.post("/api/v1/builds/" + b.id() + "/cancel", "x", ""), 403, AdminToken.ENV);
    assertError(dash.post("/api/v1/builds/" + b.id() + "/rerun", "x", ""), 403, AdminToken.ENV);
    assertThat(dash.builds.list(Optional.empty())).hasSize(1);
    assertThat(dash.builds.find(b.id()).orElseThrow().status().phase())
        .isEqualTo(BuildPhase.PENDING);
  }

  @Test
  void aMissingOrWrongTokenIs401AndChangesNothing() throws Exception {
    Build b = dash(start(LocalDashboard.TOKEN));

    assertError(dash.post("/api/v1/builds/" + b.id() + "/cancel", null, ""), 401, "bearer token");
    assertError(
        dash.post("/api/v1/builds/" + b.id() + "/cancel", "wrong", ""), 401, "bearer token");
    assertError(dash.post("/api/v1/builds/" + b.id() + "/rerun", "wrong", ""), 401, "bearer token");
    assertThat(dash.builds.list(Optional.empty())).hasSize(1);
  }

  @Test
  void cancelWithTheTokenFailsARunningBuildAndAFinishedOneIs409() throws Exception {
    Build b = dash(start(LocalDashboard.TOKEN));
    dash.builds.claim(b.id(), "some-worker");

    HttpResponse<String> cancelled =
        dash.post("/api/v1/builds/" + b.id() + "/cancel", LocalDashboard.TOKEN, "");

    assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
    JsonNode body = Json.MAPPER.readTree(cancelled.body());
    assertThat(body.get("status").asString()).isEqualTo("cancelled");
    assertThat(body.get("build").get("phase").asString()).isEqualTo("Failed");
    var status = dash.builds.find(b.id()).orElseThrow().status();
    assertThat(status.phase()).isEqualTo(BuildPhase.FAILED);
    assertThat(status.exitCode()).hasValue(BuildCancel.EXIT_CODE);
    assertThat(status.message()).isEqualTo(BuildActions.CANCELLED);
    HttpResponse<String> again =
        dash.post("/api/v1/builds/" + b.id() + "/cancel", LocalDashboard.TOKEN, "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("already finished (Failed)");
  }

  @Test
  void cancelOfAPendingBuildMeansNoWorkerCanStartIt() throws Exception {
    Build b = dash(start(LocalDashboard.TOKEN));

    HttpResponse<String> cancelled =
        dash.post("/api/v1/builds/" + b.id() + "/cancel", LocalDashboard.TOKEN, "");

    assertThat(Json.MAPPER.readTree(cancelled.body()).get("status").asString())
        .isEqualTo("cancelled before it started");
    assertThat(dash.builds.claim(b.id(), "late-server")).isFalse();
    assertError(
        dash.post("/api/v1/builds/01hzzzzzzzzzzzzzzzzzzzzzzz/cancel", LocalDashboard.TOKEN, ""),
        404,
        "not found");
  }

  @Test
  void rerunWithTheTokenCreatesANewBuildFromTheOldOne() throws Exception {
    Project p = start(LocalDashboard.TOKEN);
    Build old =
        dash.builds.create(
            new BuildRequest(
                p.id(),
                "push",
                "github",
                new Revision("abc", "refs/heads/main"),
                "{}",
                "script",
                "{\"d\":1}",
                "warn",
                "short",
                "long",
                "https://example.invalid/r.git"));

    HttpResponse<String> plain =
        dash.post("/api/v1/builds/" + old.id() + "/rerun", LocalDashboard.TOKEN, "");
    HttpResponse<String> changed =
        dash.post(
            "/api/v1/builds/" + old.id() + "/rerun",
            LocalDashboard.TOKEN,
            "{\"event\":\"exec\",\"ref\":\"refs/heads/dev\",\"level\":\"info\"}");

    assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
    JsonNode body = Json.MAPPER.readTree(plain.body());
    assertThat(body.get("rerunOf").asString()).isEqualTo(old.id());
    Build rerun = dash.builds.find(body.get("build").get("id").asString()).orElseThrow();
    assertThat(rerun.request()).isEqualTo(old.request().withLogLevel("log"));
    assertThat(rerun.status().phase()).isEqualTo(BuildPhase.PENDING);
    Build other =
        dash.builds
            .find(Json.MAPPER.readTree(changed.body()).get("build").get("id").asString())
            .orElseThrow();
    assertThat(other.request().type()).isEqualTo("exec");
    assertThat(other.request().revision()).isEqualTo(new Revision("abc", "refs/heads/dev"));
    assertThat(other.request().logLevel()).isEqualTo("info");
  }

  @Test
  void aRerunBodyThatCannotBeReadIs400AndCreatesNothing() throws Exception {
    Build b = dash(start(LocalDashboard.TOKEN));

    assertError(
        dash.post(
            "/api/v1/builds/" + b.id() + "/rerun", LocalDashboard.TOKEN, "{\"level\":\"loud\"}"),
        400,
        "level must be");
    assertError(
        dash.post(
            "/api/v1/builds/" + b.id() + "/rerun", LocalDashboard.TOKEN, "{\"script\":\"x\"}"),
        400,
        "'script'");
    assertError(
        dash.post("/api/v1/builds/" + b.id() + "/rerun", LocalDashboard.TOKEN, "nope"),
        400,
        "not JSON");
    assertThat(dash.builds.list(Optional.empty())).hasSize(1);
  }

  @Test
  void aRerunOfABuildWhoseProjectIsGoneIs409() throws Exception {
    Build b = dash(start(LocalDashboard.TOKEN));
    dash.projects.delete(b.projectId());

    assertError(
        dash.post("/api/v1/builds/" + b.id() + "/rerun", LocalDashboard.TOKEN, ""),
        409,
        "no longer exists");
  }

  private Build dash(Project p) {
    return dash.build(p, "push");
  }

  static Instant now() {
    return Instant.now();
  }
}
