package dev.kubeherd.toolkit.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The repository's {@code charts/kubeherd}, packaged into the toolkit jar as resources and copied
 * out for helm-java, which needs a chart directory. (The project is written by the Secret project
 * store instead of {@code charts/kubeherd-project}, so its SSH key never passes through a values
 * file; the charts tests check that chart's Secret decodes to the same project.)
 */
public final class BundledCharts {
  public static final String ENGINE = "kubeherd";

  private BundledCharts() {}

  /**
   * Copies the bundled chart {@code name} into {@code dir}/{@code name} and returns that directory.
   */
  public static Path extract(String name, Path dir) {
    String resource = "charts/" + name + "/Chart.yaml";
    URL url = BundledCharts.class.getResource(resource);
    if (url == null) {
      throw new IllegalStateException(
          "the bundled chart " + name + " is missing from kubeherd-toolkit; rebuild the jar");
    }
    Path target = dir.resolve(name);
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = openJar(uri)) {
          copyTree(jar.provider().getPath(uri).getParent(), target);
        }
      } else {
        copyTree(Path.of(uri).getParent(), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the bundled chart " + name + " to " + dir, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + url, e);
    }
    return target;
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      String spec = uri.toString();
      URI jarFile = URI.create(spec.substring("jar:".length(), spec.indexOf("!/")));
      return FileSystems.newFileSystem(Path.of(jarFile), Map.of());
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path target = to.resolve(from.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
  }
}
