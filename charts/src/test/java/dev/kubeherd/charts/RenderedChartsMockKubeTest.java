package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every chart, with its default values and with each realistic values file: rendered by Helm, every
 * object parsed strictly into fabric8's model, applied to the mock API server and read back
 * unchanged, and checked against the rules all charts keep.
 */
@EnableKubernetesMockClient(crud = true)
class RenderedChartsMockKubeTest {
  static KubernetesClient client;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final List<HasMetadata> applied = new ArrayList<>();

  static Stream<Arguments> chartsAndValues() {
    return Charts.ALL.stream()
        .flatMap(
            chart ->
                Stream.concat(
                    Stream.of(Arguments.of(chart, "(defaults)")),
                    Charts.valuesFiles(chart).stream().map(f -> Arguments.of(chart, f))));
  }

  @AfterEach
  void deleteApplied() {
    applied.forEach(o -> client.resource(o).delete());
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("chartsAndValues")
  void renderedObjectsAreValidAppliedAndKeepThePolicies(String chart, String valuesFile) {
    Charts.Render render = Charts.renderWithHooks(chart);
    if (!valuesFile.startsWith("(")) {
      render.values(valuesFile);
    }

    Rendered rendered = render.objects();

    if (!chart.equals(Charts.NAMESPACE_DEFAULTS) || !valuesFile.startsWith("(")) {
      assertThat(rendered.objects()).as("objects of %s with %s", chart, valuesFile).isNotEmpty();
    }
    Policies.assertAll(rendered);
    for (HasMetadata o : rendered.objects()) {
      HasMetadata stored = apply(o, render.namespace());
      assertThat(withoutServerFields(stored))
          .as("%s as stored by the API server", o.getKind() + "/" + o.getMetadata().getName())
          .isEqualTo(withoutServerFields(o));
    }
  }

  private HasMetadata apply(HasMetadata o, String namespace) {
    var resource =
        o instanceof Namespaced && o.getMetadata().getNamespace() == null
            ? client.resource(o).inNamespace(namespace)
            : client.resource(o);
    HasMetadata created = resource.create();
    applied.add(created);
    HasMetadata read = client.resource(created).get();
    assertThat(read).as("%s/%s read back", o.getKind(), o.getMetadata().getName()).isNotNull();
    return read;
  }

  /** The object without what the server adds: status, uid, resourceVersion, timestamps. */
  private static JsonNode withoutServerFields(HasMetadata o) {
    ObjectNode tree = (ObjectNode) JSON.valueToTree(o);
    tree.remove("status");
    ObjectNode metadata = (ObjectNode) tree.get("metadata");
    metadata.remove(
        List.of(
            "namespace",
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "generation",
            "managedFields"));
    return tree;
  }
}
