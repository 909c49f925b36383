package dev.kubeherd.toolkit.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a directory holds for sdf4k, in {@link DeployKind} order. */
public final class DeployableDetector {
  private DeployableDetector() {}

  /**
   * The kinds found in {@code dir}, in run order.
   *
   * @throws KsonnetUnsupportedException when {@code dir} holds a ksonnet {@code app.yaml}
   */
  public static List<DeployKind> detect(Path dir) {
    Path appYaml = dir.resolve("app.yaml");
    if (Files.isRegularFile(appYaml)) {
      throw new KsonnetUnsupportedException(appYaml);
    }
    List<DeployKind> found = new ArrayList<>();
    if (HelmfileLocator.detect(dir).isPresent()) {
      found.add(DeployKind.HELMFILE);
    }
    if (chartMarker(dir).isPresent()) {
      found.add(DeployKind.CHART);
    }
    if (Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
      found.add(DeployKind.KUSTOMIZE);
    }
    if (Files.isDirectory(dir.resolve("manifests"))) {
      found.add(DeployKind.MANIFESTS);
    }
    return List.copyOf(found);
  }

  /** {@code chart/Chart.yaml}, else the prototype's lower-case {@code chart/chart.yaml}. */
  static Optional<Path> chartMarker(Path dir) {
    for (String name : List.of("Chart.yaml", "chart.yaml")) {
      Path marker = dir.resolve("chart").resolve(name);
      if (Files.isRegularFile(marker)) {
        return Optional.of(marker);
      }
    }
    return Optional.empty();
  }
}
