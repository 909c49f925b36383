package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.gateway.github.GithubSignature;
import dev.kubeherd.sdkjs.DefaultScripts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Level 3 end to end in local mode: a signed GitHub {@code deployment} of the app repository → the
 * local server → the bundled {@code brigade.app.default.js} → the {@code syncApp} job (a process
 * job on the checkout at /src) → {@code kubeherd sync app} (a stand-in launcher running this
 * build's classes) → stand-in sops and helmfile → deployment statuses {@code in_progress} then
 * {@code success}, or {@code failure} when sops fails (and helmfile never runs).
 */
class LocalServerSyncAppTest {
  static final String HOOK_SECRET = "hook-secret";
  static final String TOKEN = "ghp_syncAppToken";
  static final String AGE_KEY = "AGE-SECRET-KEY-1EXAMPLEONLY";
  static final String PLAIN = "databasePassword: plain-7c1e";
  static final String STATUSES = "/repos/your-org/your-app1-repo/deployments/42/statuses";
  static final PersonIdent WHO =
      new PersonIdent("T", "t@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @RegisterExtension
  static WireMockExtension github =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  Path bin = Path.of("target/e2e-bin").toAbsolutePath();
  Path record;
  String sha;
  String cloneUrl;

  @BeforeEach
  void stage() throws Exception {
    clean(bin);
    Files.createDirectories(bin);
    record = Files.createDirectories(dir.resolve("record"));
    Path repo = dir.resolve("your-app1-repo");
    copy(Path.of("../examples/app-repo"), repo);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      sha = git.commit().setMessage("app").setAuthor(WHO).setCommitter(WHO).call().name();
      git.tag().setName("v1.2.0").setAnnotated(true).setMessage("v1.2.0").setTagger(WHO).call();
    }
    cloneUrl = repo.toUri().toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    script(
        "kubeherd",
        "exec '"
            + java
            + "' -cp '"
            + System.getProperty("java.class.path")
            + "'"
            + " dev.kubeherd.cli.KubeherdMain \"$@\"");
    script(
        "helmfile",
        "r='"
            + record
            + "'\n"
            + "printf '%s\\n' \"$@\" > \"$r/helmfile.argv\"\n"
            + "pwd > \"$r/helmfile.cwd\"\n"
            + "echo \"ENV=$ENV CLUSTER=$CLUSTER GIT_TAG=$GIT_TAG\" > \"$r/helmfile.env\"\n"
            + "stat -c %a app.secrets.yaml > \"$r/helmfile.mode\"");
  }

  @AfterEach
  void removeStandIns() throws Exception {
    clean(bin);
  }

  @Test
  void aDeploymentOfTheAppRepoSyncsTheAppAndReportsSuccess() throws Exception {
    script(
        "sops",
        "[ -n \"$SOPS_AGE_KEY\" ] && echo age-key > '"
            + record
            + "/sops.key'\n"
            + "echo '"
            + PLAIN
            + "'");
    stubStatesInOrder("in_progress", "success");

    String log = deploy();

    assertThat(scenarioState()).as(log).isEqualTo("success");
    assertThat(Files.readAllLines(record.resolve("helmfile.argv")))
        .containsExactly("--file", "../../helmfile", "--environment", "test", "sync");
    assertThat(Files.readString(record.resolve("helmfile.cwd")).strip())
        .isEqualTo("/src/ci/environments/test");
    assertThat(Files.readString(record.resolve("helmfile.env")).strip())
        .isEqualTo("ENV=test CLUSTER=k8stest1 GIT_TAG=v1.2.0");
    assertThat(Files.readString(record.resolve("helmfile.mode")).strip()).isEqualTo("600");
    assertThat(record.resolve("sops.key")).exists();
    assertThat(log).doesNotContain(PLAIN).doesNotContain(AGE_KEY);
  }

  @Test
  void aSopsFailureReportsFailureAndHelmfileNeverRuns() throws Exception {
    script(
        "sops",
        "touch '"
            + record
            + "/sops.called'\n"
            + "echo 'Failed to get the data key required to decrypt the SOPS file.' >&2; exit 1");
    stubStatesInOrder("in_progress", "failure");

    String log = deploy();

    assertThat(scenarioState()).as(log).isEqualTo("failure");
    assertThat(record.resolve("sops.called")).exists();
    assertThat(record.resolve("helmfile.argv")).doesNotExist();
    assertThat(log).contains("Failed to get the data key").contains("failed with exit code 1");
  }

  /** Serves, delivers the deployment, waits for two statuses; returns the build's logs. */
  private String deploy() throws Exception {
    CliHarness cli = new CliHarness(dir.resolve("home")).useLocalApp();
    String id = ProjectIds.fromName("your-org/your-app1-repo");
    cli.projects.create(
        new Project(
            id,
            "your-org/your-app1-repo",
            "default",
            Map.of(
                "sharedSecret",
                HOOK_SECRET,
                "github.token",
                TOKEN,
                "github.baseURL",
                github.baseUrl(),
                "cloneURL",
                cloneUrl,
                "kubernetes.allowSecretKeyRef",
                "true",
                "defaultScript",
                DefaultScripts.APP.text(),
                "secrets",
                "{\"ENV\":\"test\",\"CLUSTER\":\"k8stest1\",\"SOPS_AGE_KEY\":\""
                    + AGE_KEY
                    + "\"}")));
    StringWriter out = new StringWriter();
    CommandLine server = cli.app().kubeherd();
    server.setOut(new PrintWriter(out, true));
    server.setErr(new PrintWriter(new StringWriter(), true));
    Thread serving =
        Thread.ofPlatform()
            .start(() -> server.execute("server", "--local", "--port", "0", "--poll", "PT0.1S"));
    try {
      HttpResponse<String> response = deliver(awaitPort(out));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(120))
          .untilAsserted(() -> github.verify(2, postRequestedFor(urlEqualTo(STATUSES))));
    } finally {
      serving.interrupt();
      serving.join(20_000);
    }
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir.resolve("home"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        logs.append(Files.readString(f));
      }
    }
    return logs.toString();
  }

  private String deployment() {
    return """
        {"action":"created",
         "deployment":{"id":42,"sha":"%s","ref":"main","environment":"test",
                       "payload":{"cluster":"k8stest1"}},
         "repository":{"full_name":"your-org/your-app1-repo"},
         "sender":{"login":"ci-bot"}}
        """
        .formatted(sha);
  }

  private HttpResponse<String> deliver(int port) throws Exception {
    byte[] bytes = deployment().getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events/github"))
            .header("X-GitHub-Event", "deployment")
            .header("X-GitHub-Delivery", "delivery-" + sha)
            .header(GithubSignature.SHA256_HEADER, GithubSignature.sign256(bytes, HOOK_SECRET))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  private void script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static void stubStatesInOrder(String... states) {
    String previous = Scenario.STARTED;
    for (String state : states) {
      github.stubFor(
          post(urlEqualTo(STATUSES))
              .withRequestBody(matchingJsonPath("$.state", equalTo(state)))
              .inScenario("order")
              .whenScenarioStateIs(previous)
              .willSetStateTo(state)
              .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
      previous = state;
    }
  }

  private static String scenarioState() {
    return github.getAllScenarios().getScenarios().stream()
        .filter(s -> s.getName().equals("order"))
        .findFirst()
        .orElseThrow()
        .getState();
  }

  private static int awaitPort(StringWriter out) throws InterruptedException {
    Pattern listening = Pattern.compile("Gateway listening on [^:]+:(\\d+)");
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      Matcher m = listening.matcher(out.toString());
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the server did not start its gateway: " + out);
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
  }

  private static void clean(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
