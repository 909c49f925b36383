package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.kubeherd.gateway.github.GithubSignature;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine;

/**
 * Shared steps of the local-server end-to-end tests ({@link LocalServerSyncAppTest}, {@link
 * PipelineEndToEndTest}, {@link LocalServerGithubStatusTest}, {@link LocalServerGatewayTest}): JGit
 * repositories from the example directories, executable stand-ins in {@code target/e2e-bin} (on the
 * test JVM's PATH, see the cli pom), signed GitHub deliveries and deployment statuses that must
 * arrive in order. {@code kube.KubernetesPipelineEndToEndTest} shares them in Kubernetes mode.
 */
public final class LocalServerE2e {
  public static final PersonIdent WHO =
      new PersonIdent("T", "t@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** The directory of stand-ins process jobs find first on PATH. */
  public static final Path BIN = Path.of("target/e2e-bin").toAbsolutePath();

  private LocalServerE2e() {}

  /** Copies {@code from} to {@code to} and commits it on {@code main}, tagged if {@code tag}. */
  public static String commitCopy(Path from, Path to, String tag) throws Exception {
    copy(from, to);
    try (Git git = Git.init().setDirectory(to.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      String sha =
          git.commit().setMessage("example").setAuthor(WHO).setCommitter(WHO).call().name();
      if (tag != null) {
        git.tag().setName(tag).setAnnotated(true).setMessage(tag).setTagger(WHO).call();
      }
      return sha;
    }
  }

  /**
   * {@code BIN/kubeherd}: this build's classes, as the toolbox image's kubeherd, with {@code
   * extraJvmArgs} (e.g. a private {@code java.io.tmpdir}) before the main class.
   */
  public static void launcher(String extraJvmArgs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    script(
        "kubeherd",
        "exec '"
            + java
            + "' "
            + extraJvmArgs
            + " -cp '"
            + System.getProperty("java.class.path")
            + "' dev.kubeherd.cli.KubeherdMain \"$@\"");
  }

  /** An executable {@code BIN/name} running {@code body} with /bin/sh. */
  public static void script(String name, String body) throws Exception {
    Path file = BIN.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** POSTs {@code body} to the gateway as GitHub would, signed with {@code secret}. */
  public static HttpResponse<String> deliver(int port, String event, String body, String secret)
      throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events/github"))
            .header("X-GitHub-Event", event)
            .header("X-GitHub-Delivery", "delivery-" + Integer.toHexString(body.hashCode()))
            .header(GithubSignature.SHA256_HEADER, GithubSignature.sign256(bytes, secret))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Deployment statuses on {@code path} accepted only in this order (scenario "order"). */
  public static void stubStatesInOrder(WireMockExtension github, String path, String... states) {
    String previous = Scenario.STARTED;
    for (String state : states) {
      github.stubFor(
          post(urlEqualTo(path))
              .withRequestBody(matchingJsonPath("$.state", equalTo(state)))
              .inScenario("order")
              .whenScenarioStateIs(previous)
              .willSetStateTo(state)
              .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
      previous = state;
    }
  }

  /** The last state of {@link #stubStatesInOrder}'s scenario. */
  public static String scenarioState(WireMockExtension github) {
    return github.getAllScenarios().getScenarios().stream()
        .filter(s -> s.getName().equals("order"))
        .findFirst()
        .orElseThrow()
        .getState();
  }

  /** Steps run while the server listens. */
  public interface WithPort {
    void run(int port) throws Exception;
  }

  /**
   * Runs {@code kubeherd server --local} (polling every 0.1 s) on {@code cli}'s home around {@code
   * steps}.
   */
  public static void serve(CliHarness cli, WithPort steps) throws Exception {
    serve(cli, new StringWriter(), steps);
  }

  /**
   * {@link #serve(CliHarness, WithPort)}, with the server's standard output written to {@code out}.
   */
  public static void serve(CliHarness cli, StringWriter out, WithPort steps) throws Exception {
    CommandLine server = cli.app().kubeherd();
    server.setOut(new PrintWriter(out, true));
    server.setErr(new PrintWriter(new StringWriter(), true));
    Thread serving =
        Thread.ofPlatform()
            .start(() -> server.execute("server", "--local", "--port", "0", "--poll", "PT0.1S"));
    try {
      steps.run(awaitPort(out));
    } finally {
      serving.interrupt();
      serving.join(20_000);
    }
  }

  /** The gateway's port, from {@code kubeherd server}'s output. */
  public static int awaitPort(StringWriter out) throws InterruptedException {
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

  /** Every {@code *.log} under {@code dir}, concatenated. */
  public static String logs(Path dir) throws Exception {
    StringBuilder logs = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).toList()) {
        logs.append(Files.readString(f));
      }
    }
    return logs.toString();
  }

  public static void copy(Path from, Path to) throws Exception {
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

  /** Deletes {@code dir} and everything in it, if it exists. */
  public static void clean(Path dir) throws Exception {
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
