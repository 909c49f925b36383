package dev.kubeherd.toolkit.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the engine ITs look at besides the build itself: image layers, the loopback registry's tags,
 * running an image, and plain {@code podman} calls.
 */
final class EngineProbe {
  private EngineProbe() {}

  static Set<String> outputLayers(CliEngine engine, String... images) {
    Set<String> layers = new HashSet<>();
    for (String image : images) {
      layers.addAll(layers(engine, image));
    }
    return layers;
  }

  static int newLayers(Set<String> layers, Iterable<String> before) {
    Set<String> fresh = new HashSet<>(layers);
    before.forEach(fresh::remove);
    return fresh.size();
  }

  static List<String> layers(CliEngine engine, String image) {
    return engine
        .inspect(image)
        .orElseThrow(() -> new AssertionError("no image " + image))
        .layers();
  }

  /** The repository's tags in the registry; none for a repository never pushed to. */
  static Set<String> tagsInRegistry(String registry, String repository) throws Exception {
    String name = repository.substring(registry.length() + 1);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + name + "/tags/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 404 && response.body().contains("NAME_UNKNOWN")) {
      return Set.of(); // nothing was ever pushed to it
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Set<String> tags = new HashSet<>();
    Json.MAPPER.readTree(response.body()).path("tags").forEach(t -> tags.add(t.asString()));
    return tags;
  }

  static String runImage(String image) {
    try {
      return podman("run", "--rm", image).strip();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String podman(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("podman"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", command, out).isZero();
    return out;
  }
}
