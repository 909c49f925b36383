package dev.kubeherd.toolkit;

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
 * Copies a directory packaged as resources into the toolkit jar (the packer template, the kubeherd
 * chart) out to real files, for tools that need a directory. Works from a directory of classes and
 * from a (shaded) jar; {@code .sh} files come out executable.
 */
public final class BundledFiles {
  private BundledFiles() {}

  /**
   * Copies the resource directory holding {@code marker} (a file in it) into {@code target}.
   *
   * @param what what the files are, for messages
   * @throws UncheckedIOException when the files cannot be read or written
   */
  public static void copyDirectoryOf(URL marker, Path target, String what) {
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = openJar(uri)) {
          copyTree(jar.provider().getPath(uri).getParent(), target);
        }
      } else {
        copyTree(Path.of(uri).getParent(), target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("extracting the bundled " + what + " to " + target, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad resource URL " + marker, e);
    }
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
