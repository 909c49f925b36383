package dev.kubeherd.gateway.status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.ProjectKeys;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What is logged when GitHub refuses or nothing can be sent (slf4j-simple logs to stderr). */
class GithubStatusFailuresTest {
  static final String COMMIT_STATUSES = "/repos/acme/rocket/statuses/" + TestBuilds.SHA;

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private GithubFixture fixture;
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void setUp() {
    fixture = new GithubFixture(github, dir);
    originalErr = System.err;
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  private String log() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aRefusedTokenIsNotRetriedAndIsLoggedWithoutTheToken() {
    fixture.project(Map.of());
    github.stubFor(
        post(urlEqualTo(COMMIT_STATUSES))
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withBody(
                        "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs\"}")));
    Build push = TestBuilds.pending("b1", "push", TestBuilds.PUSH);

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(push));
    }

    github.verify(1, postRequestedFor(urlEqualTo(COMMIT_STATUSES)));
    assertThat(log())
        .contains("build b1 of project " + TestBuilds.PROJECT)
        .contains("401")
        .contains("Bad credentials")
        .contains("renew the project's github.token")
        .doesNotContain(GithubFixture.TOKEN);
    assertThat(log().lines().filter(l -> l.contains("GitHub was not told"))).hasSize(1);
  }

  @Test
  void aProjectWithoutCredentialsIsLoggedOnceAndNothingIsSent() {
    fixture.project(Map.of(ProjectKeys.GITHUB_TOKEN, ""));

    try (GithubStatusReporter reporter = fixture.reporter()) {
      Build first = TestBuilds.pending("b1", "push", TestBuilds.PUSH);
      reporter.build(TestBuilds.running(first));
      reporter.build(TestBuilds.succeeded(first));
      reporter.build(TestBuilds.running(TestBuilds.pending("b2", "push", TestBuilds.PUSH)));
    }

    github.verify(0, anyRequestedFor(anyUrl()));
    assertThat(log().lines().filter(l -> l.contains("GitHub statuses are off for project")))
        .hasSize(1)
        .allMatch(l -> l.contains("github.token") && l.contains("APP_ID"));
  }

  @Test
  void aPayloadWithoutRepositoryIsLoggedAndSkipped() {
    fixture.project(Map.of());

    try (GithubStatusReporter reporter = fixture.reporter()) {
      reporter.build(TestBuilds.running(TestBuilds.pending("b1", "push", "{\"after\":\"x\"}")));
    }

    github.verify(0, anyRequestedFor(anyUrl()));
    assertThat(log()).contains("Build b1 of project").contains("repository.full_name");
  }
}
