package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd server --local --port 0}: a signed GitHub {@code deployment} delivery runs the
 * project's script, and the same process tells GitHub (WireMock) how the deployment went, without
 * any status code in the script.
 */
class LocalServerGithubStatusTest {
  static final String SECRET = "hook-secret";
  static final String TOKEN = "ghp_e2eProjectToken";
  static final String STATUSES = "/repos/acme/rocket/deployments/42/statuses";
  static final String DEPLOYMENT =
      """
      {"action":"created",
       "deployment":{"id":42,"sha":"0123456789abcdef0123456789abcdef01234567","ref":"main",
                     "environment":"production",
                     "payload":{"environment_url":"https://rocket.example.com"}},
       "repository":{"full_name":"acme/rocket"},
       "sender":{"login":"someone"}}
      """;

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  @Test
  void aDeploymentWhoseJobSucceedsIsInProgressThenSuccess() throws Exception {
    stubStatesInOrder("in_progress", "success");

    String buildId = deployWith("['echo deploying']");

    assertThat(scenarioState()).isEqualTo("success");
    github.verify(
        postRequestedFor(urlEqualTo(STATUSES))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"success",
                     "log_url":"https://ci.example.com/builds/%s",
                     "environment_url":"https://rocket.example.com",
                     "description":"Build %s succeeded"}
                    """
                        .formatted(buildId, buildId))));
    github.verify(2, postRequestedFor(urlEqualTo(STATUSES)));
  }

  @Test
  void aDeploymentWhoseJobFailsIsInProgressThenFailure() throws Exception {
    stubStatesInOrder("in_progress", "failure");

    String buildId = deployWith("['echo deploying', 'exit 3']");

    assertThat(scenarioState()).isEqualTo("failure");
    github.verify(
        postRequestedFor(urlEqualTo(STATUSES))
            .withRequestBody(
                equalToJson(
                    """
                    {"state":"failure","log_url":"https://ci.example.com/builds/%s",
                     "environment_url":"https://rocket.example.com"}
                    """
                        .formatted(buildId),
                    true,
                    true))
            .withRequestBody(matchingJsonPath("$.description", matchingStart(buildId))));
    github.verify(2, postRequestedFor(urlEqualTo(STATUSES)));
  }

  private static StringValuePattern matchingStart(String buildId) {
    return matching("Build " + buildId + " failed: .+");
  }

  /**
   * Runs the server with a project whose deployment handler runs one job with {@code tasks}, sends
   * a signed deployment delivery, waits for two deployment statuses and stops the server.
   *
   * @return the build's ID
   */
  private String deployWith(String tasks) throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.env.put("KUBEHERD_DASHBOARD_URL", "https://ci.example.com");
    cli.projects.create(
        new Project(
            ProjectIds.fromName("acme/rocket"),
            "acme/rocket",
            "default",
            Map.of(
                "sharedSecret",
                SECRET,
                "github.token",
                TOKEN,
                "github.baseURL",
                github.baseUrl(),
                "defaultScript",
                "const { events, Job } = require('brigadier');\n"
                    + "events.on('deployment', () => new Job('deploy', '', "
                    + tasks
                    + ").run());\n")));
    AtomicReference<String> buildId = new AtomicReference<>();
    LocalServerE2e.serve(
        cli,
        port -> {
          HttpResponse<String> response =
              LocalServerE2e.deliver(port, "deployment", DEPLOYMENT, SECRET);
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          await()
              .atMost(Duration.ofSeconds(60))
              .untilAsserted(() -> github.verify(2, postRequestedFor(urlEqualTo(STATUSES))));
          buildId.set(Json.MAPPER.readTree(response.body()).path("builds").get(0).asString());
        });
    return buildId.get();
  }

  private static void stubStatesInOrder(String... states) {
    LocalServerE2e.stubStatesInOrder(github, STATUSES, states);
  }

  private static String scenarioState() {
    return LocalServerE2e.scenarioState(github);
  }
}
