package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The example repositories' helmfiles ({@code examples/}): every release of one of these charts,
 * rendered with the values the helmfile gives it, as {@code kubeherd sync} would run them (the
 * environment {@code kubeherd sync worker} and {@code sync app} set; sops' plaintext stood in by
 * the encrypted file's keys).
 */
class ExampleHelmfilesChartTest {
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Path EXAMPLES = Path.of("../examples").toAbsolutePath().normalize();
  private static final String REPOSITORY = "kubeherd/";
  private static final Pattern IF_ENV =
      Pattern.compile(
          "(?s)\\n[ \\t]*\\{\\{-\\s*if env \"(\\w+)\"\\s*}}(.*?)\\n[ \\t]*\\{\\{-\\s*end\\s*}}");
  private static final Pattern ENV = Pattern.compile("\\{\\{ (requiredEnv|env) \"(\\w+)\" }}");

  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "cluster-repo/environments/test/cluster-infra/helmfile",
        "cluster-repo/environments/test/app-infra/helmfile",
        "app-repo/ci/helmfile"
      })
  void everyReleaseOfOurChartsRendersWithItsValues(String helmfile) throws IOException {
    Path file = EXAMPLES.resolve(helmfile);
    List<JsonNode> releases = releases(file, environment());

    List<String> names = new ArrayList<>();
    for (JsonNode r : releases) {
      names.add(r.path("namespace").asString() + "/" + r.path("name").asString());
    }
    int ours = 0;
    for (JsonNode release : releases) {
      for (JsonNode need : release.path("needs")) {
        assertThat(names).as("%s needs", release.path("name").asString()).contains(need.asString());
      }
      String chart = release.path("chart").asString();
      if (!chart.startsWith(REPOSITORY)) {
        continue; // another repository's chart (ingress-nginx)
      }
      ours++;
      String namespace = release.path("namespace").asString();
      Charts.Render render =
          Charts.render(chart.substring(REPOSITORY.length()))
              .release(release.path("name").asString())
              .namespace(namespace);
      for (JsonNode values : release.path("values")) {
        render.values(valuesFile(file.getParent(), values));
      }

      Rendered rendered = render.objects();

      assertThat(rendered.all(Namespace.class))
          .as(
              "%s renders its own release namespace %s, which Helm creates (or needs) before"
                  + " installing the chart: the two conflict",
              release.path("name").asString(), namespace)
          .noneMatch(n -> n.getMetadata().getName().equals(namespace));
    }
    assertThat(ours).as("releases of our charts in %s", helmfile).isPositive();
  }

  /** What {@code kubeherd sync worker your-app1-repo} and {@code sync app} set. */
  private Map<String, String> environment() throws IOException {
    JsonNode apps =
        YAML.readTree(
            Files.readString(
                EXAMPLES.resolve("cluster-repo/environments/test/app-infra/apps.yaml")));
    Path overrides = tmp.resolve("namespace-defaults.values.yaml");
    Files.writeString(
        overrides,
        YAML.writeValueAsString(
            apps.path("services").path("your-app1-repo").path("namespaceDefaults")));
    return Map.of(
        "APP", "your-app1-repo",
        "CLUSTER", "k8stest1",
        "ENV", "test",
        "GIT_TAG", "v1.2.0",
        "APP_VALUES_DIR", EXAMPLES.resolve("app-repo/ci/environments/test").toString(),
        "APP_NAMESPACE_DEFAULTS", overrides.toString());
  }

  /**
   * The helmfile's releases after the template functions it uses: {@code requiredEnv}, {@code env},
   * {@code if env … end} and {@code .Environment.Name} (environment {@code test}); anything else
   * fails, so an example using more needs this test taught first.
   */
  private static List<JsonNode> releases(Path helmfile, Map<String, String> env)
      throws IOException {
    String text = Files.readString(helmfile);
    Matcher blocks = IF_ENV.matcher(text);
    text =
        blocks.replaceAll(
            m -> Matcher.quoteReplacement(env.containsKey(m.group(1)) ? m.group(2) : ""));
    Matcher vars = ENV.matcher(text);
    text =
        vars.replaceAll(
            m -> {
              String value = env.get(m.group(2));
              if (value == null && m.group(1).equals("requiredEnv")) {
                throw new IllegalStateException(helmfile + " requires " + m.group(2));
              }
              return Matcher.quoteReplacement(value == null ? "" : value);
            });
    text = text.replace("{{ .Environment.Name }}", "test");
    if (text.contains("{{")) {
      throw new IllegalStateException(
          helmfile + " uses template syntax this test does not evaluate: " + text);
    }
    List<JsonNode> releases = new ArrayList<>();
    for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
      doc.path("releases").forEach(releases::add);
    }
    return releases;
  }

  /** A values entry as a file: a path (relative to the helmfile) or inline values. */
  private Path valuesFile(Path dir, JsonNode values) throws IOException {
    if (values.isString()) {
      Path file = dir.resolve(values.asString());
      if (!Files.exists(file) && file.toString().endsWith(".secrets.yaml")) {
        return plaintextStandIn(file);
      }
      assertThat(file).as("values file of the example").isRegularFile();
      return file;
    }
    Path file = Files.createTempFile(tmp, "inline-", ".yaml");
    Files.writeString(file, YAML.writeValueAsString(values));
    return file;
  }

  /** What sops would decrypt {@code FILE.enc} to: its keys, every encrypted value a string. */
  private Path plaintextStandIn(Path secrets) throws IOException {
    Path encrypted = Path.of(secrets + ".enc");
    assertThat(encrypted).as("encrypted values file of the example").isRegularFile();
    ObjectNode tree = (ObjectNode) YAML.readTree(Files.readString(encrypted));
    tree.remove("sops");
    Path file = tmp.resolve(secrets.getFileName());
    Files.writeString(file, YAML.writeValueAsString(decrypted(tree)));
    return file;
  }

  private static JsonNode decrypted(JsonNode node) {
    if (node.isString() && node.asString().startsWith("ENC[")) {
      return YAML.getNodeFactory().stringNode("plaintext-of-the-example");
    }
    if (node.isObject()) {
      ObjectNode copy = YAML.createObjectNode();
      node.properties().forEach(e -> copy.set(e.getKey(), decrypted(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      var copy = YAML.createArrayNode();
      node.forEach(e -> copy.add(decrypted(e)));
      return copy;
    }
    return node;
  }
}
