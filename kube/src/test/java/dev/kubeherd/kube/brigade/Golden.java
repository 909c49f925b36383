package dev.kubeherd.kube.brigade;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.secret.DocumentFormat;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;

/** Golden fixtures under {@code src/test/resources/golden/}, compared as trees, not as text. */
public final class Golden {
  private Golden() {}

  public static String text(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture as a fabric8 Secret, as the API would hand it over. */
  public static Secret secret(String name) {
    return Serialization.unmarshal(text(name), Secret.class);
  }

  /** The fixture as a tree. */
  public static JsonNode tree(String name) {
    return DocumentFormat.YAML.parse(text(name));
  }

  /** A Secret as the tree it serializes to. */
  public static JsonNode tree(Secret secret) {
    return Json.MAPPER.readTree(Serialization.asJson(secret));
  }
}
