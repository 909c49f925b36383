package dev.kubeherd.toolkit.image;

import dev.kubeherd.core.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What the build needs to know of a local image, read from {@code <engine> image inspect} (the
 * fields docker and podman share).
 *
 * @param id the image id
 * @param layers the diff ids of its layers, bottom first
 * @param created when it was made
 * @param labels its config labels
 * @param workingDir its working directory ({@code /} when unset)
 */
public record ImageInfo(
    String id,
    List<String> layers,
    Instant created,
    Map<String, String> labels,
    String workingDir) {

  public ImageInfo {
    layers = List.copyOf(layers);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    workingDir = workingDir == null || workingDir.isBlank() ? "/" : workingDir;
  }

  /** The first image of an {@code image inspect} answer (a JSON array). */
  public static ImageInfo parse(String inspectJson) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(inspectJson);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("image inspect did not print JSON: " + e.getMessage(), e);
    }
    JsonNode image = root.isArray() ? root.path(0) : root;
    if (!image.isObject()) {
      throw new IllegalArgumentException("image inspect printed no image");
    }
    List<String> layers = new ArrayList<>();
    image.path("RootFS").path("Layers").forEach(l -> layers.add(l.asString()));
    Map<String, String> labels = new LinkedHashMap<>();
    JsonNode config = image.path("Config");
    config
        .path("Labels")
        .properties()
        .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
    return new ImageInfo(
        image.path("Id").asString(""),
        layers,
        created(image.path("Created").asString("")),
        labels,
        config.path("WorkingDir").asString(""));
  }

  private static Instant created(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  /** A label's value. */
  public Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key)).filter(v -> !v.isBlank());
  }

  /** How many of this image's layers (from the bottom) {@code later} has too. */
  public int sharedLayers(ImageInfo later) {
    int n = 0;
    while (n < layers.size()
        && n < later.layers.size()
        && layers.get(n).equals(later.layers.get(n))) {
      n++;
    }
    return n;
  }
}
