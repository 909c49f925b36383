package dev.kubeherd.charts;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The charts of this directory, rendered and linted by real Helm 3 (helm-java's native library).
 * Tests run with the module directory ({@code charts/}) as working directory.
 */
final class Charts {
  static final String KUBEHERD = "kubeherd";
  static final String PROJECT = "kubeherd-project";
  static final String NAMESPACE_DEFAULTS = "namespace-defaults";
  static final String APP = "app";
  static final List<String> ALL = List.of(KUBEHERD, PROJECT, NAMESPACE_DEFAULTS, APP);

  /** The Kubernetes version templates are rendered for (Capabilities.KubeVersion). */
  static final String KUBE_VERSION = "1.31.0";

  static final String NAMESPACE = "ci";

  /** What {@code helm.sh/hook} annotations are renamed to in {@link #renderWithHooks} copies. */
  static final String HOOK_IN_COPY = "test.kubeherd.dev/hook";

  private static final Map<String, Path> HOOKS_AS_OBJECTS = new ConcurrentHashMap<>();

  private Charts() {}

  static Path dir(String chart) {
    Path dir = Path.of(chart).toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      throw new IllegalStateException("no chart at " + dir + " (tests run in charts/)");
    }
    return dir;
  }

  /** A realistic values file of {@code chart} from {@code src/test/resources/values/<chart>/}. */
  static Path values(String chart, String file) {
    Path p = Path.of("src/test/resources/values", chart, file).toAbsolutePath();
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("no values file " + p);
    }
    return p;
  }

  /** The realistic values files of {@code chart}, sorted by name. */
  static List<String> valuesFiles(String chart) {
    Path dir = Path.of("src/test/resources/values", chart);
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LintResult lintStrict(String chart) {
    return new Helm(dir(chart)).lint().strict().call();
  }

  static Render render(String chart) {
    return new Render(chart, dir(chart));
  }

  /**
   * Renders a copy of {@code chart} whose hooks are ordinary objects. helm-java's {@code template}
   * prints only the release manifest, never hooks (unlike the helm CLI), so hook templates would go
   * unchecked; in the copy under {@code target/} the {@code helm.sh/hook} annotations are renamed
   * to {@value #HOOK_IN_COPY}.
   */
  static Render renderWithHooks(String chart) {
    return new Render(
        chart, HOOKS_AS_OBJECTS.computeIfAbsent(chart, Charts::copyWithHooksAsObjects));
  }

  private static Path copyWithHooksAsObjects(String chart) {
    Path source = dir(chart);
    Path copy = Path.of("target", "charts-with-hooks", chart).toAbsolutePath();
    try {
      if (Files.exists(copy)) {
        try (Stream<Path> old = Files.walk(copy)) {
          old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      try (Stream<Path> files = Files.walk(source)) {
        for (Path from : files.toList()) {
          Path to = copy.resolve(source.relativize(from).toString());
          if (Files.isDirectory(from)) {
            Files.createDirectories(to);
          } else {
            String text = Files.readString(from);
            Files.writeString(to, text.replace("helm.sh/hook", HOOK_IN_COPY));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return copy;
  }

  /** One {@code helm template} call being set up. */
  static final class Render {
    private final String chart;
    private final Path dir;
    private String release = "ci";
    private String namespace = NAMESPACE;
    private String kubeVersion = KUBE_VERSION;
    private final List<Path> valuesFiles = new ArrayList<>();
    private final Map<String, Object> sets = new LinkedHashMap<>();

    private Render(String chart, Path dir) {
      this.chart = chart;
      this.dir = dir;
    }

    Render release(String name) {
      this.release = name;
      return this;
    }

    Render namespace(String ns) {
      this.namespace = ns;
      return this;
    }

    /** The Kubernetes version the chart sees as {@code .Capabilities.KubeVersion}. */
    Render kubeVersion(String version) {
      this.kubeVersion = version;
      return this;
    }

    /** A values file of this chart's test resources, by file name. */
    Render values(String file) {
      valuesFiles.add(Charts.values(chart, file));
      return this;
    }

    Render values(Path file) {
      valuesFiles.add(file);
      return this;
    }

    /** {@code --set key=value}. */
    Render set(String key, Object value) {
      sets.put(key, value);
      return this;
    }

    String namespace() {
      return namespace;
    }

    /** The manifests as Helm prints them. */
    String template() {
      TemplateCommand cmd =
          new Helm(dir)
              .template()
              .withName(release)
              .withNamespace(namespace)
              .withKubeVersion(kubeVersion);
      valuesFiles.forEach(cmd::withValuesFile);
      sets.forEach(cmd::set);
      String out = cmd.call();
      return out == null ? "" : out; // helm-java answers null when nothing is rendered
    }

    /** The manifests, each parsed strictly into fabric8's model. */
    Rendered objects() {
      return new Rendered(chart, namespace, StrictModel.parseAll(template()));
    }

    /** The message Helm fails with; fails the test when rendering succeeds. */
    String failure() {
      try {
        String out = template();
        throw new AssertionError(
            "expected " + chart + " to fail rendering but it rendered:\n" + out);
      } catch (IllegalStateException e) {
        return e.getMessage();
      }
    }
  }
}
