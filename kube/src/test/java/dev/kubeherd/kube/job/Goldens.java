package dev.kubeherd.kube.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Compares Kubernetes objects with YAML fixtures under {@code golden/job/} structurally: both sides
 * become plain maps and lists, so key order does not matter and list order does.
 */
final class Goldens {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Goldens() {}

  static void assertMatches(Object actual, String fixture) {
    assertThat(tree(actual)).as("%s", fixture).isEqualTo(fixture(fixture));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> tree(Object resource) {
    return SERIALIZATION.unmarshal(SERIALIZATION.asJson(resource), Map.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> fixture(String name) {
    String path = "/golden/job/" + name;
    try (InputStream in = Goldens.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing test fixture " + path);
      }
      return SERIALIZATION.unmarshal(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
