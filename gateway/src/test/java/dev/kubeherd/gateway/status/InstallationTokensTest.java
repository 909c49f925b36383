package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kubeherd.gateway.github.GithubApp;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InstallationTokensTest {
  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final MutableClock clock = new MutableClock(TestBuilds.T0);
  private InstallationTokens tokens;

  @BeforeEach
  void setUp() {
    StatusSettings settings = GithubFixture.settings(GithubAppSettings.none());
    tokens =
        new InstallationTokens(
            "12345",
            TestKeys.PAIR.getPrivate(),
            new GithubApi(HttpClient.newHttpClient(), settings),
            clock);
  }

  private static String tokensOf(long installation) {
    return "/app/installations/" + installation + "/access_tokens";
  }

  private static String answer(String token, Instant expires) {
    return "{\"token\":\"%s\",\"expires_at\":\"%s\"}".formatted(token, expires);
  }

  @Test
  void aTokenForAScriptIsNeverOneWithOnlyMinutesLeft() throws Exception {
    String url = tokensOf(7);
    github.stubFor(
        post(urlEqualTo(url))
            .inScenario("tokens")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("second")
            .willReturn(aResponse().withStatus(201).withBody(answer("ghs_first", in(60)))));
    github.stubFor(
        post(urlEqualTo(url))
            .inScenario("tokens")
            .whenScenarioStateIs("second")
            .willReturn(aResponse().withStatus(201).withBody(answer("ghs_second", in(70)))));
    GithubApp app = new GithubAppClient(tokens, null);

    assertThat(app.installationToken(github.baseUrl(), 7).value()).isEqualTo("ghs_first");
    clock.advance(Duration.ofMinutes(2));
    assertThat(app.installationToken(github.baseUrl(), 7).value())
        .as("58 minutes left: still fine for a script")
        .isEqualTo("ghs_first");
    clock.advance(Duration.ofMinutes(8));
    GithubApp.Token later = app.installationToken(github.baseUrl(), 7);

    assertThat(later.value())
        .as("50 minutes left: too little for a script")
        .isEqualTo("ghs_second");
    // the gateway's own calls may still use a token with a few minutes left
    assertThat(tokens.token(github.baseUrl(), 7)).isEqualTo("ghs_second");
    github.verify(2, postRequestedFor(urlEqualTo(url)));
  }

  @Test
  void oneInstallationsSlowTokenDoesNotHoldUpAnothers() throws Exception {
    github.stubFor(
        post(urlEqualTo(tokensOf(7)))
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withFixedDelay(3_000)
                    .withBody(answer("ghs_slow", in(60)))));
    github.stubFor(
        post(urlEqualTo(tokensOf(8)))
            .willReturn(aResponse().withStatus(201).withBody(answer("ghs_quick", in(60)))));
    CompletableFuture<String> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return tokens.token(github.baseUrl(), 7);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> github.verify(1, postRequestedFor(urlEqualTo(tokensOf(7)))));

    assertThat(tokens.token(github.baseUrl(), 8)).isEqualTo("ghs_quick");

    assertThat(slow).as("installation 7's fetch, still under way").isNotDone();
    assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("ghs_slow");
  }

  private Instant in(int minutes) {
    return clock.instant().plus(Duration.ofMinutes(minutes));
  }
}
