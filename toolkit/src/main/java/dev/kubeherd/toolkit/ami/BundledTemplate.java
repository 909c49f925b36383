package dev.kubeherd.toolkit.ami;

import dev.kubeherd.toolkit.BundledFiles;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Path;

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
    BundledFiles.copyDirectoryOf(url, dir, "packer template");
    return dir.resolve(TEMPLATE);
  }
}
