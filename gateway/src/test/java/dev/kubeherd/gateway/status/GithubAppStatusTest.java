package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Statuses reported as the gateway's GitHub App, with installation tokens. */
class GithubAppStatusTest {
  static final String TOKENS = "/app/installations/7/access_tokens";
  static final String COMMIT_STATUSES = "/repos/acme/rocket/statuses/" + TestBuilds.SHA;

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private GithubFixture fixture;
  private StatusSettings settings;

  @BeforeEach
  void setUp() throws IOException {
    fixture = new GithubFixture(github, dir.resolve("home"));
    Path key = dir.resolve("key.pem");
    Files.writeString(key, TestKeys.pkcs1Pem());
    settings = GithubFixture.settings(new GithubAppSettings("12345", key));
    fixture.project(Map.of());
    github.stubFor(
        post(urlEqualTo(COMMIT_STATUSES)).willReturn(aResponse().withStatus(201).withBody("{}")));
    stubToken(Scenario.STARTED, "first", "ghs_first", TestBuilds.T0.plusSeconds(3600));
    stubToken("first", "second", "ghs_second", TestBuilds.T0.plusSeconds(7200));
  }

  private void stubToken(String state, String next, String token, java.time.Instant expires) {
    github.stubFor(
        post(urlEqualTo(TOKENS))
            .inScenario("tokens")
            .whenScenarioStateIs(state)
            .willSetStateTo(next)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withBody(
                        "{\"token\":\"%s\",\"expires_at\":\"%s\"}".formatted(token, expires))));
  }

  private static Build fromInstallation(String id) {
    return TestBuilds.pending(id, "push", TestBuilds.fromInstallation(TestBuilds.PUSH, 7));
  }

  @Test
  void theAppJwtIsSignedWithTheAppKeyAndTheTokenIsReusedAcrossBuilds() throws Exception {
    try (GithubStatusReporter reporter = fixture.reporter(settings)) {
      reporter.build(TestBuilds.running(fromInstallation("b1")));
      reporter.build(TestBuilds.running(fromInstallation("b2")));
    }

    List<LoggedRequest> exchanges = github.findAll(postRequestedFor(urlEqualTo(TOKENS)));
    assertThat(exchanges).hasSize(1);
    String authorization = exchanges.getFirst().getHeader("Authorization");
    assertThat(authorization).startsWith("Bearer ");
    JsonNode claims =
        GithubAppJwtTest.verified(
            authorization.substring("Bearer ".length()), TestKeys.PAIR.getPublic());
    assertThat(claims.path("iss").asString()).isEqualTo("12345");
    assertThat(claims.path("iat").asLong()).isEqualTo(TestBuilds.T0.getEpochSecond() - 60);
    github.verify(
        2,
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withHeader("Authorization", equalTo("Bearer ghs_first")));
  }

  @Test
  void aTokenAboutToExpireIsReplaced() {
    try (GithubStatusReporter reporter = fixture.reporter(settings)) {
      reporter.build(TestBuilds.running(fromInstallation("b1")));
      // wait for the first report, so the token is cached before the clock moves
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> github.verify(1, postRequestedFor(urlEqualTo(COMMIT_STATUSES))));
      fixture.clock.advance(Duration.ofMinutes(56)); // 4 minutes before expires_at
      Build later = fromInstallation("b2");
      reporter.build(later.withStatus(BuildStatus.pending().running("w", fixture.clock.instant())));
    }

    github.verify(2, postRequestedFor(urlEqualTo(TOKENS)));
    github.verify(
        1,
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withHeader("Authorization", equalTo("Bearer ghs_second")));
  }

  @Test
  void aCachedTokenGithubRefusesIsReplacedAndTheReportStillSent() {
    github.stubFor(
        post(urlEqualTo(COMMIT_STATUSES))
            .withHeader("Authorization", equalTo("Bearer ghs_first"))
            .willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Bad credentials\"}")));

    try (GithubStatusReporter reporter = fixture.reporter(settings)) {
      reporter.build(TestBuilds.running(fromInstallation("b1")));
    }

    github.verify(2, postRequestedFor(urlEqualTo(TOKENS)));
    github.verify(
        1,
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withHeader("Authorization", equalTo("Bearer ghs_second")));
  }

  @Test
  void aDeliveryFromNoInstallationUsesTheProjectToken() {
    try (GithubStatusReporter reporter = fixture.reporter(settings)) {
      reporter.build(TestBuilds.running(TestBuilds.pending("b1", "push", TestBuilds.PUSH)));
    }

    github.verify(0, postRequestedFor(urlEqualTo(TOKENS)));
    github.verify(
        1,
        postRequestedFor(urlEqualTo(COMMIT_STATUSES))
            .withHeader("Authorization", equalTo("Bearer " + GithubFixture.TOKEN)));
  }

  @Test
  void anAppKeyThatCannotBeReadIsRefusedNamingTheFile() {
    GithubAppSettings missing = new GithubAppSettings("12345", dir.resolve("nowhere.pem"));

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> InstallationTokens.of(missing, null, fixture.clock))
        .isInstanceOf(InvalidAppKeyException.class)
        .hasMessageContaining("nowhere.pem")
        .hasMessageContaining("--key-file");
  }
}
