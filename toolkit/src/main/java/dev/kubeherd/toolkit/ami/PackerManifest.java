package dev.kubeherd.toolkit.ami;

import dev.kubeherd.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The manifest post-processor's file: {@code builds[]} with {@code artifact_id} = comma-separated
 * {@code region:ami-…}, {@code packer_run_uuid}, and {@code last_run_uuid} naming the run that just
 * finished (the file accumulates every run written to it).
 */
public final class PackerManifest {
  private PackerManifest() {}

  /**
   * The AMI of each region built by the last run, the build region first.
   *
   * @throws PackerFailedException when the file is missing, malformed or has no AMI of the last run
   */
  public static Map<String, String> lastRunAmis(Path manifest) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(manifest));
    } catch (IOException | JacksonException e) {
      throw unreadable(manifest, "cannot be read: " + e.getMessage());
    }
    String lastRun = root.path("last_run_uuid").asString("");
    for (JsonNode build : root.path("builds")) {
      if (!lastRun.isEmpty() && lastRun.equals(build.path("packer_run_uuid").asString(""))) {
        return parseArtifactId(manifest, build.path("artifact_id").asString(""));
      }
    }
    throw unreadable(
        manifest, "has no build with packer_run_uuid = last_run_uuid (" + lastRun + ")");
  }

  /** {@code eu-west-1:ami-1,us-east-1:ami-2} as region → AMI id, in that order. */
  static Map<String, String> parseArtifactId(Path manifest, String artifactId) {
    Map<String, String> amis = new LinkedHashMap<>();
    for (String part : artifactId.split(",")) {
      String p = part.strip();
      int colon = p.indexOf(':');
      if (colon <= 0 || !p.substring(colon + 1).startsWith("ami-")) {
        throw unreadable(
            manifest, "has an artifact_id that is not region:ami-… (" + artifactId + ")");
      }
      amis.put(p.substring(0, colon), p.substring(colon + 1));
    }
    return amis;
  }

  private static PackerFailedException unreadable(Path manifest, String why) {
    return new PackerFailedException("the packer manifest " + manifest + " " + why, List.of());
  }
}
