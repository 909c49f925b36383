package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kubeherd.core.local.DirectoryProjectStore;
import dev.kubeherd.core.local.LocalHome;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.port.ProjectStore;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/** A reporter wired to WireMock playing GitHub, with a project store in a temporary directory. */
final class GithubFixture {
  static final String TOKEN = "ghp_projectTokenThatMustNeverBeLogged";
  static final String DASHBOARD = "https://ci.example.com";
  static final String ORDER = "order";

  final WireMockExtension github;
  final ProjectStore projects;
  final MutableClock clock = new MutableClock(TestBuilds.T0);

  GithubFixture(WireMockExtension github, Path dir) {
    this.github = github;
    this.projects = new DirectoryProjectStore(new LocalHome(dir));
  }

  /** The project {@code acme/rocket} on this GitHub with the project token and extra keys. */
  Project project(Map<String, String> extra) {
    Map<String, String> data = new HashMap<>();
    data.put(ProjectKeys.GITHUB_BASE_URL, github.baseUrl());
    data.put(ProjectKeys.GITHUB_TOKEN, TOKEN);
    data.putAll(extra);
    Project project = new Project(TestBuilds.PROJECT, "acme/rocket", "default", data);
    projects.create(project);
    return project;
  }

  static StatusSettings settings(GithubAppSettings app) {
    return new StatusSettings(
        Optional.of(DASHBOARD), app, 3, Duration.ofMillis(10), Duration.ofSeconds(5));
  }

  GithubStatusReporter reporter(StatusSettings settings) {
    GithubApi api = new GithubApi(HttpClient.newHttpClient(), settings);
    StatusSender sender =
        new StatusSender(
            projects,
            api,
            InstallationTokens.of(settings.app(), api, clock),
            new StatusRequests(settings),
            clock);
    return new GithubStatusReporter(sender, Executors.newFixedThreadPool(2), clock);
  }

  GithubStatusReporter reporter() {
    return reporter(settings(GithubAppSettings.none()));
  }

  /**
   * Answers POSTs to {@code url} whose {@code state} comes in the given order, and only in that
   * order: each stub matches only after the one before it (a WireMock scenario). {@link
   * #orderState()} is the last state once all came in order.
   */
  void stubStatesInOrder(String url, String... states) {
    String previous = Scenario.STARTED;
    for (String state : states) {
      github.stubFor(
          post(urlEqualTo(url))
              .withRequestBody(matchingJsonPath("$.state", equalTo(state)))
              .inScenario(ORDER)
              .whenScenarioStateIs(previous)
              .willSetStateTo(state)
              .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
      previous = state;
    }
  }

  String orderState() {
    return github.getAllScenarios().getScenarios().stream()
        .filter(s -> s.getName().equals(ORDER))
        .findFirst()
        .orElseThrow()
        .getState();
  }
}
