package dev.kubeherd.toolkit.ami;

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
 * The repository's {@code packer/} directory (template, scripts, files), packaged into the toolkit
 * jar as resources and copied out for packer, which needs real files. Works from a directory of
 * classes and from a (shaded) jar.
 */
public final class BundledTemplate {
  static final String RESOURCE_DIR = "packer";
  public static final String TEMPLATE = "flatcar.pkr.hcl";

  private BundledTemplate() {}

  /**
   * Copies the bundled files into {@code dir} and returns the template's path there.
   *
   * @throws UncheckedIOException when the files cannot be read or written
   */
  public static Path extractTo(Path dir) {
    URL url = BundledTemplate.class.getResource(RESOURCE_DIR + "/" + TEMPLATE);
    if (url == null) {
      throw new IllegalStateException(
          "the bundled packer template is missing from kubeherd-toolkit; pass --template FILE");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = openJar(uri)) {
          copyTree(jar.provider().getPath(uri).getParent(), dir);
        }
      } else {
        copyTree(Path.of(uri).getParent(), dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the bundled packer template to " + dir, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + url, e);
    }
    return dir.resolve(TEMPLATE);
  }

  private static FileSystem openJar(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      // someone else has it open: copy through a second, private one
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
      if (target.toString().endsWith(".sh")) {
        target.toFile().setExecutable(true);
      }
    }
  }
}
