package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.gateway.github.ContractTable.Expected;
import dev.kubeherd.gateway.github.ContractTable.ExpectedBuild;
import dev.kubeherd.gateway.github.OctokitPackages.Example;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Every example payload GitHub's community keeps for every webhook event type
 * ({@code @octokit/webhooks-examples}, github.com and GHES 3.1–3.5, installed by the build from
 * npm), signed and posted to a real gateway on loopback over directory stores. Each answer and each
 * stored build is checked against the v1 contract's table ({@link ContractTable}).
 *
 * <p>The only 4xx the table allows here ({@link #DOCUMENTED_4XX}): 400 {@code Malformed body} for a
 * built event type whose payload names no {@code repository.full_name} (v1 answers the same). Every
 * project exists and every delivery is signed with its secret, so 401 and 404 would be bugs; a 5xx
 * is always one.
 */
class GithubExamplePayloadsTest {
  private static final Logger LOG = LoggerFactory.getLogger(GithubExamplePayloadsTest.class);
  private static final String SECRET = "octokit-examples-secret";

  /** Status → why it may be answered to a well-signed example. Nothing else below 200 or above. */
  static final Map<Integer, String> DOCUMENTED_4XX =
      Map.of(400, "Malformed body: a built event type whose payload has no repository.full_name");

  /** The package holds 726 examples (7.6.1); fewer than this means the install is not the one. */
  private static final int AT_LEAST = 700;

  @TempDir(factory = InMemoryTempDir.class)
  Path tmp;

  private OctokitPackages octokit;
  private LoopbackGateway gateway;

  @BeforeEach
  void start() throws Exception {
    octokit = OctokitPackages.installed();
    gateway = LoopbackGateway.start(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  @Test
  void everyExamplePayloadIsAnsweredAndStoredAsTheContractTableSays() throws Exception {
    List<Example> examples = octokit.examples();
    createAProjectPerRepository(examples);

    List<Sent> sent = postAll(examples);

    List<String> problems = new ArrayList<>();
    int expectedBuilds = 0;
    for (Sent s : sent) {
      Expected expected = ContractTable.expect(s.example().event(), s.example().payload());
      problems.addAll(check(s, expected));
      expectedBuilds += expected.builds().size();
    }
    int stored = gateway.builds.list(Optional.empty()).size();
    if (stored != expectedBuilds) {
      problems.add(stored + " builds in the store, expected " + expectedBuilds);
    }
    assertThat(problems).as("answers and builds that differ from the contract table").isEmpty();

    Map<Integer, Long> byStatus =
        sent.stream()
            .collect(
                Collectors.groupingBy(
                    s -> s.response().statusCode(), TreeMap::new, Collectors.counting()));
    TreeSet<String> built =
        sent.stream()
            .filter(s -> !buildIds(s.response()).isEmpty())
            .map(s -> s.example().event())
            .collect(Collectors.toCollection(TreeSet::new));
    LOG.info(
        "Posted {} @octokit/webhooks-examples {} payloads of {} event types: answers {}, {} builds"
            + " stored, built event types {}",
        sent.size(),
        octokit.examplesVersion(),
        examples.stream().map(Example::event).distinct().count(),
        byStatus,
        expectedBuilds,
        built);
    assertThat(sent).as("example payloads posted").hasSizeGreaterThan(AT_LEAST);
    assertThat(built).as("event types that stored builds").isEqualTo(ContractTable.MAPPED);
  }

  /** What differs between one answer (and its builds) and the table; empty when all agrees. */
  private List<String> check(Sent s, Expected expected) {
    List<String> problems = new ArrayList<>();
    HttpResponse<String> response = s.response();
    String what = s.example() + " (" + expected.why() + ")";
    int status = response.statusCode();
    if (status / 100 != 2 && !DOCUMENTED_4XX.containsKey(status)) {
      problems.add(
          what + ": " + status + " is neither 2xx nor a documented 4xx: " + response.body());
    }
    if (status != expected.status() || !response.body().contains(expected.bodyContains())) {
      problems.add(
          what
              + ": answered "
              + status
              + " "
              + response.body()
              + ", expected "
              + expected.status()
              + " with "
              + expected.bodyContains());
    }
    List<String> ids = buildIds(response);
    Optional<List<String>> recorded = gateway.deliveries.find(s.delivery());
    if (ids.size() != expected.builds().size()) {
      problems.add(what + ": builds " + ids + ", expected " + expected.builds());
    } else if (!recorded.equals(ids.isEmpty() ? Optional.empty() : Optional.of(ids))) {
      problems.add(what + ": delivery recorded as " + recorded + ", answered builds " + ids);
    }
    String name = s.example().payload().at("/repository/full_name").asString("");
    for (String id : ids) {
      Optional<Build> build = gateway.builds.find(id);
      if (build.isEmpty()) {
        problems.add(what + ": build " + id + " is not in the store");
      } else {
        problems.addAll(checkBuild(what, build.get().request(), expected.builds(), name, s.body()));
      }
    }
    return problems;
  }

  /**
   * The build matches one of the expected ones (the answer's order is not part of the contract).
   */
  private static List<String> checkBuild(
      String what,
      BuildRequest request,
      List<ExpectedBuild> expected,
      String projectName,
      String body) {
    ExpectedBuild wanted =
        expected.stream().filter(e -> e.type().equals(request.type())).findFirst().orElse(null);
    if (wanted == null) {
      return List.of(what + ": stored a " + request.type() + " build, expected " + expected);
    }
    ExpectedBuild got =
        new ExpectedBuild(
            request.type(),
            request.revision().commit(),
            request.revision().ref(),
            request.shortTitle(),
            request.longTitle(),
            request.payload().equals(body));
    List<String> problems = new ArrayList<>();
    if (!got.equals(wanted)) {
      problems.add(what + ": stored " + got + ", expected " + wanted);
    }
    if (!wanted.rawPayload() && !request.payload().isEmpty()) {
      problems.add(what + ": " + request.type() + " payload should be empty");
    }
    if (!request.projectId().equals(ProjectIds.fromName(projectName))
        || !request.provider().equals("github")) {
      problems.add(what + ": project " + request.projectId() + ", provider " + request.provider());
    }
    return problems;
  }

  private void createAProjectPerRepository(List<Example> examples) {
    examples.stream()
        .map(e -> e.payload().at("/repository/full_name"))
        .filter(JsonNode::isString)
        .map(JsonNode::asString)
        .distinct()
        .forEach(name -> gateway.project(name, SECRET));
  }

  /** One posted example: its delivery ID, the exact body sent and the answer. */
  private record Sent(
      Example example, String delivery, String body, HttpResponse<String> response) {}

  /** Posts every example from 4 threads (GitHub sends deliveries concurrently too). */
  private List<Sent> postAll(List<Example> examples) throws Exception {
    List<Future<Sent>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      int n = 0;
      for (Example example : examples) {
        String delivery = "octokit-example-" + n++;
        futures.add(pool.submit(() -> post(example, delivery)));
      }
    }
    List<Sent> sent = new ArrayList<>();
    for (Future<Sent> f : futures) {
      sent.add(f.get());
    }
    return sent;
  }

  private Sent post(Example example, String delivery) throws Exception {
    String body = Json.MAPPER.writeValueAsString(example.payload());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        gateway.post(example.event(), delivery, bytes, GithubSignature.sign256(bytes, SECRET));
    return new Sent(example, delivery, body, response);
  }

  /**
   * The stores on tmpfs when the machine has one: this test is about mapping, and fsync on a shared
   * disk would make it most of a minute (durability is what {@code GatewayCrashIT} and P4 test).
   */
  static final class InMemoryTempDir implements TempDirFactory {
    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
        throws IOException {
      Path shm = Path.of("/dev/shm");
      return Files.isDirectory(shm) && Files.isWritable(shm)
          ? Files.createTempDirectory(shm, "kubeherd-payloads-")
          : Files.createTempDirectory("kubeherd-payloads-");
    }
  }

  private static List<String> buildIds(HttpResponse<String> response) {
    try {
      return Json.MAPPER
          .readTree(response.body())
          .path("builds")
          .valueStream()
          .map(JsonNode::asString)
          .toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }
}
