package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.local.DirectoryBuildStore;
import dev.kubeherd.core.local.DirectoryDeliveries;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.model.Revision;
import dev.kubeherd.core.service.DeliveryReplay;
import dev.kubeherd.gateway.JsonReply;
import dev.kubeherd.gateway.github.GithubApp;
import dev.kubeherd.gateway.github.GithubReceiver;
import dev.kubeherd.gateway.github.GithubSettings;
import dev.kubeherd.gateway.github.GithubSignature;
import dev.kubeherd.gateway.github.WrapperTokenRenewal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The contract's wrapper payload for check runs, check suites and pull request comments: the
 * receiver asks GitHub (WireMock) for an installation token as the App, and for a comment's pull
 * request, and stores builds whose payload wraps the original body.
 */
class GithubWrapperPayloadTest {
  private static final String APP_ID = "4242";
  private static final String SECRET = "hook-secret";
  private static final String TOKENS = "/app/installations/99/access_tokens";
  private static final String EXPIRES = "2026-11-26T03:00:00Z";

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private DirectoryBuildStore builds;
  private GithubReceiver receiver;
  private GithubFixture fixture;
  private Optional<GithubApp> app;
  private LocalHome home;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new GithubFixture(github, dir.resolve("home"));
    fixture.projects.create(
        new Project(
            ProjectIds.fromName("acme/rocket"),
            "acme/rocket",
            "default",
            Map.of(
                ProjectKeys.SHARED_SECRET, SECRET, ProjectKeys.GITHUB_BASE_URL, github.baseUrl())));
    home = new LocalHome(dir.resolve("home"));
    builds = new DirectoryBuildStore(home, Clock.systemUTC());
    Path key = dir.resolve("key.pem");
    Files.writeString(key, TestKeys.pkcs1Pem());
    StatusSettings settings = GithubFixture.settings(new GithubAppSettings(APP_ID, key));
    app = GithubAppClient.create(settings, fixture.clock);
    receiver =
        new GithubReceiver(
            fixture.projects,
            builds,
            new DirectoryDeliveries(home),
            GithubSettings.defaults(""),
            app);
    github.stubFor(
        post(urlEqualTo(TOKENS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(
                        "{\"token\":\"ghs_installation\",\"expires_at\":\"" + EXPIRES + "\"}")));
  }

  private JsonReply send(String event, String delivery, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return receiver
        .receive(
            new GithubReceiver.Headers(
                event, delivery, GithubSignature.sign256(bytes, SECRET), null),
            bytes)
        .toCompletableFuture()
        .join();
  }

  @SuppressWarnings("unchecked")
  private List<Build> stored(JsonReply reply) {
    assertThat(reply.status()).as(reply.body().toString()).isEqualTo(200);
    return ((List<String>) reply.body().get("builds"))
        .stream().map(id -> builds.find(id).orElseThrow()).toList();
  }

  private static String checkRun(String appId) {
    return "{\"action\":\"rerequested\",\"installation\":{\"id\":99},"
        + "\"check_run\":{\"name\":\"tests\",\"app\":{\"id\":"
        + appId
        + "},\"check_suite\":{\"head_sha\":\"c0ffee\",\"head_branch\":\"main\"}},"
        + "\"repository\":{\"full_name\":\"acme/rocket\"}}";
  }

  @Test
  void checkRunOfTheAppIsStoredWithTheWrapperPayload() {
    String body = checkRun(APP_ID);

    List<Build> stored = stored(send("check_run", "d-1", body));

    assertThat(stored)
        .extracting(b -> b.request().type())
        .containsExactly("check_run", "check_run:rerequested");
    for (Build build : stored) {
      assertThat(build.request().revision()).isEqualTo(new Revision("c0ffee", "main"));
      JsonNode wrapper = Json.MAPPER.readTree(build.request().payload());
      assertThat(wrapper.path("type").asString()).isEqualTo("check_run");
      assertThat(wrapper.path("token").asString()).isEqualTo("ghs_installation");
      assertThat(wrapper.path("tokenExpires").asString()).isEqualTo(EXPIRES);
      assertThat(wrapper.path("body")).isEqualTo(Json.MAPPER.readTree(body));
      assertThat(wrapper.path("body").at("/check_run/name").asString()).isEqualTo("tests");
      assertThat(wrapper.path("commit").asString()).isEmpty();
      assertThat(wrapper.path("branch").asString()).isEmpty();
    }
    github.verify(1, postRequestedFor(urlEqualTo(TOKENS)));
  }

  @Test
  void theInstallationTokenIsFetchedOnceForSeveralDeliveries() {
    stored(send("check_run", "d-1", checkRun(APP_ID)));
    stored(
        send(
            "check_suite",
            "d-2",
            "{\"action\":\"requested\",\"installation\":{\"id\":99},"
                + "\"check_suite\":{\"head_sha\":\"beef\",\"head_branch\":\"dev\","
                + "\"app\":{\"id\":4242}},\"repository\":{\"full_name\":\"acme/rocket\"}}"));

    github.verify(1, postRequestedFor(urlEqualTo(TOKENS)));
  }

  @Test
  void checkRunOfAnotherAppIsIgnoredWithoutAskingGithub() {
    JsonReply reply = send("check_run", "d-1", checkRun("1"));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body()).containsEntry("message", "Ignored");
    assertThat(builds.list(Optional.empty())).isEmpty();
    github.verify(0, postRequestedFor(urlEqualTo(TOKENS)));
  }

  @Test
  void pullRequestCommentGetsTheFetchedHeadAsCommitAndBranch() {
    github.stubFor(
        get(urlEqualTo("/repos/acme/rocket/pulls/7"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        "{\"number\":7,\"head\":{\"sha\":\"feedbeef\",\"ref\":\"fix-it\"}}")));
    String body =
        "{\"action\":\"created\",\"installation\":{\"id\":99},"
            + "\"issue\":{\"number\":7,\"title\":\"Fix it\",\"pull_request\":{}},"
            + "\"comment\":{\"body\":\"/retest\",\"author_association\":\"MEMBER\"},"
            + "\"repository\":{\"full_name\":\"acme/rocket\"}}";

    List<Build> stored = stored(send("issue_comment", "d-1", body));

    assertThat(stored)
        .extracting(b -> b.request().type())
        .containsExactly("issue_comment", "issue_comment:created");
    Build build = stored.getFirst();
    assertThat(build.request().revision()).isEqualTo(new Revision("feedbeef", "refs/pull/7/head"));
    assertThat(build.request().shortTitle()).isEqualTo("PR #7");
    JsonNode wrapper = Json.MAPPER.readTree(build.request().payload());
    assertThat(wrapper.path("type").asString()).isEqualTo("issue_comment");
    assertThat(wrapper.path("commit").asString()).isEqualTo("feedbeef");
    assertThat(wrapper.path("branch").asString()).isEqualTo("fix-it");
    assertThat(wrapper.at("/body/comment/body").asString()).isEqualTo("/retest");
    github.verify(
        getRequestedFor(urlEqualTo("/repos/acme/rocket/pulls/7"))
            .withHeader("Authorization", equalTo("Bearer ghs_installation")));
  }

  @Test
  void commentByAnAuthorOutsideTheListKeepsAnEmptyPayload() {
    String body =
        "{\"action\":\"created\",\"installation\":{\"id\":99},"
            + "\"issue\":{\"number\":7,\"title\":\"Fix it\",\"pull_request\":{}},"
            + "\"comment\":{\"body\":\"/retest\",\"author_association\":\"NONE\"},"
            + "\"repository\":{\"full_name\":\"acme/rocket\"}}";

    List<Build> stored = stored(send("issue_comment", "d-1", body));

    assertThat(stored).allSatisfy(b -> assertThat(b.request().payload()).isEmpty());
    github.verify(0, postRequestedFor(urlEqualTo(TOKENS)));
  }

  @Test
  void noTokenFromGithubIs502WithNothingStoredAndTheRedeliveryThenWorks() {
    github.stubFor(post(urlEqualTo(TOKENS)).willReturn(aResponse().withStatus(500)));

    JsonReply refused = send("check_run", "d-1", checkRun(APP_ID));

    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.body().get("status").toString()).contains("redeliver");
    assertThat(builds.list(Optional.empty())).isEmpty();

    github.stubFor(
        post(urlEqualTo(TOKENS))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody("{\"token\":\"ghs_later\",\"expires_at\":\"" + EXPIRES + "\"}")));
    assertThat(stored(send("check_run", "d-1", checkRun(APP_ID)))).hasSize(2);
  }

  @Test
  void aReplayedWrapperDeliveryHandsItsScriptANewTokenNotTheExpiredOne() {
    github.stubFor(
        post(urlEqualTo(TOKENS))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("renewed")
            .willReturn(aResponse().withStatus(201).withBody(token("ghs_first", 1))));
    github.stubFor(
        post(urlEqualTo(TOKENS))
            .inScenario("tokens")
            .whenScenarioStateIs("renewed")
            .willReturn(aResponse().withStatus(201).withBody(token("ghs_renewed", 4))));
    String body = checkRun(APP_ID);
    List<Build> first = stored(send("check_run", "d-1", body));
    fixture.clock.advance(Duration.ofHours(2)); // the first token has expired

    DeliveryReplay replay =
        new DeliveryReplay(
            new DirectoryDeliveries(home),
            builds,
            fixture.projects,
            WrapperTokenRenewal.of(fixture.projects, app));
    List<String> replayed = replay.replay("d-1").replayed();

    assertThat(Json.MAPPER.readTree(first.getFirst().request().payload()).path("token").asString())
        .isEqualTo("ghs_first");
    for (String id : replayed) {
      JsonNode wrapper = Json.MAPPER.readTree(builds.find(id).orElseThrow().request().payload());
      assertThat(wrapper.path("token").asString()).isEqualTo("ghs_renewed");
      assertThat(wrapper.path("tokenExpires").asString())
          .isEqualTo(TestBuilds.T0.plus(Duration.ofHours(4)).toString());
      assertThat(wrapper.path("type").asString()).isEqualTo("check_run");
      assertThat(wrapper.path("body")).isEqualTo(Json.MAPPER.readTree(body));
    }
  }

  private static String token(String value, int hoursAfterT0) {
    return "{\"token\":\"%s\",\"expires_at\":\"%s\"}"
        .formatted(value, TestBuilds.T0.plus(Duration.ofHours(hoursAfterT0)));
  }
}
