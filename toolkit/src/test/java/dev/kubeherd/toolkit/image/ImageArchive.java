package dev.kubeherd.toolkit.image;

import dev.kubeherd.core.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;

/**
 * A saved image ({@code podman save}/{@code docker save}, docker-archive format) read back: its
 * manifest's layer list and each layer's bytes (uncompressed), so tests can search every layer. A
 * small reader of ustar archives: regular files and symbolic links, which is what image archives
 * hold.
 */
final class ImageArchive {
  private final Map<String, byte[]> files = new LinkedHashMap<>();
  private final Map<String, String> links = new LinkedHashMap<>();
  private final List<String> layerPaths = new ArrayList<>();
  private final String configPath;

  private ImageArchive(Path tar) throws IOException {
    read(Files.readAllBytes(tar));
    JsonNode manifest = Json.MAPPER.readTree(text("manifest.json")).path(0);
    manifest.path("Layers").forEach(l -> layerPaths.add(l.asString()));
    configPath = manifest.path("Config").asString();
  }

  static ImageArchive read(Path tar) throws IOException {
    return new ImageArchive(tar);
  }

  /** The layer paths of the manifest, bottom first. */
  List<String> layers() {
    return layerPaths;
  }

  /** A layer's tar, uncompressed. */
  byte[] layer(String path) throws IOException {
    return gunzipped(file(path));
  }

  /** The image config (labels, history, environment). */
  byte[] config() {
    return file(configPath);
  }

  /** The layers (by manifest path) whose content holds {@code needle}. */
  List<String> layersHolding(byte[] needle) throws IOException {
    List<String> holding = new ArrayList<>();
    for (String path : layerPaths) {
      if (indexOf(layer(path), needle) >= 0) {
        holding.add(path);
      }
    }
    return holding;
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private String text(String path) {
    return new String(file(path), StandardCharsets.UTF_8);
  }

  private byte[] file(String path) {
    String p = normalize(path);
    for (int hops = 0; hops < 8 && links.containsKey(p); hops++) {
      String target = links.get(p);
      p = target.startsWith("/") ? normalize(target) : resolve(p, target);
    }
    byte[] content = files.get(p);
    if (content == null) {
      throw new IllegalArgumentException("no " + path + " in the image archive: " + files.keySet());
    }
    return content;
  }

  private static String resolve(String from, String target) {
    List<String> parts = new ArrayList<>(Arrays.asList(from.split("/")));
    parts.removeLast();
    for (String part : target.split("/")) {
      if (part.equals("..")) {
        parts.removeLast();
      } else if (!part.equals(".") && !part.isEmpty()) {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }

  private static String normalize(String path) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    return p.startsWith("/") ? p.substring(1) : p;
  }

  private static byte[] gunzipped(byte[] data) throws IOException {
    if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
        return in.readAllBytes();
      }
    }
    return data;
  }

  private void read(byte[] tar) {
    int pos = 0;
    while (pos + 512 <= tar.length) {
      String name = string(tar, pos, 100);
      if (name.isEmpty()) {
        break;
      }
      String prefix = string(tar, pos + 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
      long size =
          Long.parseLong(
              string(tar, pos + 124, 12).strip().isEmpty()
                  ? "0"
                  : string(tar, pos + 124, 12).strip(),
              8);
      char type = (char) tar[pos + 156];
      int data = pos + 512;
      if (type == '0' || type == '\0') {
        files.put(normalize(name), Arrays.copyOfRange(tar, data, (int) (data + size)));
      } else if (type == '2') {
        links.put(normalize(name), string(tar, pos + 157, 100));
      }
      pos = data + (int) ((size + 511) / 512 * 512);
    }
  }

  private static String string(byte[] b, int offset, int length) {
    int end = offset;
    while (end < offset + length && b[end] != 0) {
      end++;
    }
    return new String(b, offset, end - offset, StandardCharsets.UTF_8);
  }
}
