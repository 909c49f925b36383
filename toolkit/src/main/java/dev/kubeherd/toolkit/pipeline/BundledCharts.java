package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.toolkit.BundledFiles;
import java.net.URL;
import java.nio.file.Path;

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
    BundledFiles.copyDirectoryOf(url, target, "chart " + name);
    return target;
  }
}
