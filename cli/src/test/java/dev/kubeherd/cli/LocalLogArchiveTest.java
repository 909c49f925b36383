package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.ProjectIds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubeherd serve --local} with the S3 log archive (WireMock as S3): a finished build's logs
 * are uploaded, and {@code brig build logs} reads them back once the local copy is gone.
 */
class LocalLogArchiveTest {
  @RegisterExtension
  static WireMockExtension s3 =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PROJECT = ProjectIds.fromName("acme/app");

  @TempDir Path dir;

  @Test
  void aServedBuildsLogsAreArchivedAndReadBackOnceDeletedLocally() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    cli.env.put("KUBEHERD_LOG_ARCHIVE_BUCKET", "logs");
    cli.env.put("KUBEHERD_LOG_ARCHIVE_PREFIX", "ci");
    cli.env.put("KUBEHERD_LOG_ARCHIVE_SETTLE_SECONDS", "1"); // serve --once waits for it on close
    cli.env.put("AWS_ENDPOINT_URL", s3.baseUrl());
    cli.env.put("AWS_REGION", "eu-west-1");
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIATEST");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.project("acme/app", "github.com/acme/app");
    Path script = dir.resolve("brigade.js");
    Files.writeString(
        script,
        """
        const { events, Job } = require("brigadier");
        events.on("exec", () => new Job("marker", "", ["echo job ran"]).run());
        """);
    s3.stubFor(get(urlPathEqualTo("/logs")).willReturn(listing("")));
    s3.stubFor(put(urlPathEqualTo("/logs/ci/" + PROJECT)).willReturn(aResponse()));
    assertThat(cli.brig("run", "acme/app", "-f", script.toString(), "-b").exitCode()).isZero();
    Build build = cli.builds.list(Optional.empty()).getFirst();
    String dirKey = "ci/" + PROJECT + "/" + build.id() + "/";
    String jobLog = dirKey + "marker-" + build.id() + ".log";
    s3.stubFor(put(urlEqualTo("/logs/" + dirKey + "worker.log")).willReturn(aResponse()));
    s3.stubFor(put(urlEqualTo("/logs/" + jobLog)).willReturn(aResponse()));

    var served = cli.kubeherd("serve", "--local", "--once");

    assertThat(served.exitCode()).as(served.err()).isZero();
    assertThat(served.out()).contains("Archiving finished builds' logs to s3://logs/ci");
    String workerLog = cli.logs.read(build.id(), "worker");
    s3.verify(
        putRequestedFor(urlEqualTo("/logs/" + dirKey + "worker.log"))
            .withRequestBody(equalTo(workerLog)));
    s3.verify(putRequestedFor(urlEqualTo("/logs/" + jobLog)).withRequestBody(equalTo("job ran\n")));

    deleteRecursively(cli.home.resolve("builds/" + build.id() + "/logs"));
    assertThat(cli.logs.read(build.id(), "worker")).isEmpty();
    s3.stubFor(
        get(urlEqualTo("/logs?list-type=2&prefix=" + dirKey.replace("/", "%2F")))
            .willReturn(listing(object(dirKey + "worker.log") + object(jobLog))));
    s3.stubFor(
        get(urlEqualTo("/logs/" + dirKey + "worker.log"))
            .willReturn(aResponse().withBody(workerLog)));
    s3.stubFor(get(urlEqualTo("/logs/" + jobLog)).willReturn(aResponse().withBody("job ran\n")));

    var logs = cli.brig("build", "logs", build.id(), "--jobs");

    assertThat(logs.exitCode()).as(logs.err()).isZero();
    assertThat(logs.out()).contains(workerLog.strip()).contains("job ran");
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static ResponseDefinitionBuilder listing(String entries) {
    return aResponse()
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>logs</Name>"
                + "<IsTruncated>false</IsTruncated>"
                + entries
                + "</ListBucketResult>");
  }

  private static String object(String key) {
    return "<Contents><Key>"
        + key
        + "</Key><LastModified>2026-01-01T00:00:00Z</LastModified>"
        + "<Size>1</Size></Contents>";
  }
}
