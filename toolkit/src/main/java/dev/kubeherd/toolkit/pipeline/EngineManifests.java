package dev.kubeherd.toolkit.pipeline;

import dev.kubeherd.toolkit.deploy.ChartRender;
import dev.kubeherd.toolkit.deploy.ChartRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The pipeline engine's objects for one namespace: the bundled {@code kubeherd} chart rendered by
 * real Helm (release {@value #RELEASE}): controller, gateway, worker service account and its Role.
 */
public final class EngineManifests {
  public static final String RELEASE = "kubeherd";

  /**
   * The chart value that adds the pipeline installer's ClusterRole and binding: the engine's job
   * pods may then install pipelines in other namespaces ({@code brigcluster}'s jobs).
   */
  public static final String PIPELINE_INSTALLER = "pipelineInstaller.enabled";

  /** The Deployment whose availability means the engine runs ({@code <release>-controller}). */
  public static final String CONTROLLER_DEPLOYMENT = RELEASE + "-controller";

  private final ChartRenderer renderer;

  public EngineManifests(ChartRenderer renderer) {
    this.renderer = renderer;
  }

  /** The engine's objects for {@code namespace}, parsed with {@code client}'s model. */
  public List<HasMetadata> render(KubernetesClient client, String namespace) {
    return render(client, namespace, Map.of());
  }

  /** As above, with chart values {@code sets} (e.g. {@link #PIPELINE_INSTALLER}). */
  public List<HasMetadata> render(
      KubernetesClient client, String namespace, Map<String, String> sets) {
    Path dir = tempDir();
    try {
      Path chart = BundledCharts.extract(BundledCharts.ENGINE, dir);
      String yaml = renderer.render(new ChartRender(chart, RELEASE, namespace, List.of(), sets));
      return client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    } finally {
      deleteTree(dir);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kubeherd-engine-chart");
    } catch (IOException e) {
      throw new UncheckedIOException("creating a temp dir for the engine chart", e);
    }
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(EngineManifests::deleteQuietly);
    } catch (IOException e) {
      // nothing secret lives there: the chart only
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort, see above
    }
  }
}
