package dev.kubeherd.gateway.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The GitHub gateway over loopback HTTP on the local store's journal, where the answer is completed
 * by the journal's writer thread after the sync and written back on the event loop.
 */
class GithubGatewayJournalTest {
  private static final String SECRET = "s3cret";
  private static final byte[] PUSH =
      ("{\"ref\":\"refs/heads/main\",\"deleted\":false,\"head_commit\":{\"id\":\"c0ffee\"},"
              + "\"repository\":{\"full_name\":\"Acme/Rocket\"}}")
          .getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;

  private LoopbackGateway gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = LoopbackGateway.startJournaled(tmp);
    gateway.project("Acme/Rocket", SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
  }

  @Test
  void concurrentDeliveriesAreEachAnsweredOnceStoredAndRepeatedKeysStoreOnce() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      answers.add(push("d-" + (i % 16)));
    }

    Map<String, List<String>> buildsByKey = new HashMap<>();
    for (int i = 0; i < answers.size(); i++) {
      HttpResponse<String> answer = answers.get(i).get(20, TimeUnit.SECONDS);
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      List<String> ids = buildIds(answer);
      assertThat(ids).hasSize(1);
      assertThat(gateway.builds.find(ids.getFirst())).as("stored before the answer").isPresent();
      List<String> first = buildsByKey.putIfAbsent("d-" + (i % 16), ids);
      if (first != null) {
        assertThat(ids).isEqualTo(first);
      }
    }
    assertThat(gateway.builds.list(Optional.empty())).hasSize(16);
    assertThat(gateway.deliveries.find("d-3")).contains(buildsByKey.get("d-3"));
  }

  @Test
  void aStoreThatCannotBeReadIs503AndTheRedeliveryLaterStoresIt() throws Exception {
    Files.deleteIfExists(tmp.resolve("deliveries"));
    Files.writeString(tmp.resolve("deliveries"), "not a directory"); // no record can be looked up

    HttpResponse<String> refused = push("d-1").get(20, TimeUnit.SECONDS);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("redeliver");
    assertThat(gateway.builds.list(Optional.empty())).isEmpty();

    Files.delete(tmp.resolve("deliveries"));
    HttpResponse<String> redelivered = push("d-1").get(20, TimeUnit.SECONDS);

    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(gateway.builds.find(buildIds(redelivered).getFirst())).isPresent();
  }

  @Test
  void theJournalKeepsTheSignedBodyByteForByte() throws Exception {
    byte[] body =
        ("{\"ref\":\"refs/heads/main\",\"head_commit\":{\"id\":\"c0ffee\",\"message\":"
                + "\"caf\u00e9 \ud83d\ude80 \\u00e9\"},\"repository\":{\"full_name\":\"Acme/Rocket\"}}")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> answer =
        gateway
            .postAsync("push", "d-raw", body, GithubSignature.sign256(body, SECRET))
            .get(20, TimeUnit.SECONDS);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    byte[] journal;
    try (Stream<Path> files = Files.list(tmp.resolve("journal"))) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        all.writeBytes(Files.readAllBytes(log));
      }
      journal = all.toByteArray();
    }
    assertThat(indexIn(journal, body)).isNotNegative();
    assertThat(gateway.builds.find(buildIds(answer).getFirst()))
        .get()
        .extracting(b -> b.request().payload())
        .isEqualTo(new String(body, StandardCharsets.UTF_8));
  }

  private static int indexIn(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private CompletableFuture<HttpResponse<String>> push(String delivery) {
    return gateway.postAsync("push", delivery, PUSH, GithubSignature.sign256(PUSH, SECRET));
  }

  private static List<String> buildIds(HttpResponse<String> response) {
    JsonNode ids = Json.MAPPER.readTree(response.body()).path("builds");
    return ids.valueStream().map(JsonNode::asString).toList();
  }
}
