package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values the app chart's schema lets through that would render something broken or different from
 * what was asked: each is either rendered as asked or refused with the reason and the way out.
 */
class AppChartOddValuesTest {
  private static Container container(Charts.Render render) {
    return render
        .objects()
        .one(Deployment.class)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0);
  }

  @ParameterizedTest(name = "replicaCount={0}")
  @CsvSource({"3, 3", "2, 2", "1, 2"})
  void aReplicaCountWithAutoscalingIsRefusedInsteadOfIgnored(int replicas, int suggested) {
    String error =
        Charts.render(Charts.APP)
            .set("replicaCount", replicas)
            .set("autoscaling.enabled", true)
            .failure();

    assertThat(error)
        .contains(
            "replicaCount is "
                + replicas
                + ", but with autoscaling.enabled the HorizontalPodAutoscaler owns the replica"
                + " count (autoscaling.minReplicas 2 to autoscaling.maxReplicas 6)")
        .contains("replicaCount would be ignored")
        .contains("drop replicaCount, or set autoscaling.minReplicas")
        .contains("(e.g. autoscaling.minReplicas=" + suggested + ")");
  }

  @org.junit.jupiter.api.Test
  void autoscalingAloneRendersTheAutoscalersMinimumAndNoDeploymentReplicas() {
    Rendered r =
        Charts.render(Charts.APP)
            .set("autoscaling.enabled", true)
            .set("autoscaling.minReplicas", 4)
            .objects();

    assertThat(r.one(HorizontalPodAutoscaler.class).getSpec().getMinReplicas()).isEqualTo(4);
    assertThat(r.one(Deployment.class).getSpec().getReplicas())
        .as("spec.replicas would fight the autoscaler on every upgrade")
        .isNull();
    assertThat(r.all(PodDisruptionBudget.class)).hasSize(1);
  }

  @ParameterizedTest(name = "replicaCount={0}")
  @CsvSource(
      value = {"unset, 2", "3, 3"},
      nullValues = "unset")
  void withoutAutoscalingTheDeploymentRunsReplicaCountOrTwoWhenItIsUnset(
      Integer replicas, int expected) {
    Charts.Render render = Charts.render(Charts.APP);
    if (replicas != null) {
      render.set("replicaCount", replicas);
    }
    Rendered r = render.objects();

    assertThat(r.one(Deployment.class).getSpec().getReplicas()).isEqualTo(expected);
    assertThat(r.all(HorizontalPodAutoscaler.class)).isEmpty();
    assertThat(r.all(PodDisruptionBudget.class)).hasSize(1);
  }

  @org.junit.jupiter.api.Test
  void startupProbeTimeoutFromTheValuesIsRendered() {
    Container c = container(Charts.render(Charts.APP).set("probes.startup.timeoutSeconds", 9));

    assertThat(c.getStartupProbe().getTimeoutSeconds()).isEqualTo(9);
  }

  @ParameterizedTest(name = "maxUnavailable={0}")
  @ValueSource(strings = {"0%", "00%"})
  void aDisruptionBudgetAllowingNoEvictionIsRefusedBecauseItBlocksEveryDrain(String value) {
    String error =
        Charts.render(Charts.APP).set("podDisruptionBudget.maxUnavailable", value).failure();

    assertThat(error)
        .contains("podDisruptionBudget.maxUnavailable is " + value)
        .contains("blocks every node drain")
        .contains("set it to 1 or more");
  }

  @ParameterizedTest(name = "image={0}")
  @ValueSource(strings = {"shop/web:", "shop/web", "registry.example:5000/shop/web", "shop/web@"})
  void anImageWithoutATagOrDigestIsRefusedNamingIt(String image) {
    String error = Charts.render(Charts.APP).set("image", image).failure();

    assertThat(error)
        .contains("image " + image + " has no (valid) tag or digest")
        .contains("repository:tag or repository@sha256:digest");
  }

  @ParameterizedTest(name = "image={0}")
  @ValueSource(
      strings = {
        "shop/web:3f2c1ab",
        "registry.example:5000/shop/web:v1.2",
        "shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
      })
  void anImageWithATagOrDigestIsUsedAsGiven(String image) {
    assertThat(container(Charts.render(Charts.APP).set("image", image)).getImage())
        .isEqualTo(image);
  }

  @ParameterizedTest(name = "writablePaths={0}")
  @ValueSource(strings = {"/tmp", "/tmp/"})
  void tmpAsAnExtraWritablePathIsRefusedBecauseItIsAlwaysMounted(String path) {
    String error = Charts.render(Charts.APP).set("writablePaths[0]", path).failure();

    assertThat(error).contains("writablePaths lists " + path).contains("/tmp is always writable");
  }

  @org.junit.jupiter.api.Test
  void theSameWritablePathTwiceIsRefused() {
    String error =
        Charts.render(Charts.APP)
            .set("writablePaths[0]", "/app/log")
            .set("writablePaths[1]", "/app/log/")
            .failure();

    assertThat(error).contains("writablePaths lists /app/log twice");
  }

  @ParameterizedTest(name = "podLabels.{0}")
  @ValueSource(strings = {"app", "component", "release", "commit", "app.kubernetes.io/name"})
  void aPodLabelReplacingOneOfTheChartsLabelsIsRefused(String label) {
    String error =
        Charts.render(Charts.APP)
            .set("commit", "3f2c1ab")
            .set("podLabels." + label.replace(".", "\\."), "other")
            .failure();

    assertThat(error)
        .contains("podLabels." + label + " would replace the chart's own pod label")
        .contains("use another label name");
  }

  @org.junit.jupiter.api.Test
  void anIngressAnnotationFromTheValuesReplacesTheChartsTlsRedirectInsteadOfRepeatingIt(
      @TempDir Path dir) throws IOException {
    Path values = dir.resolve("values.yaml");
    Files.writeString(
        values,
        """
        ingress:
          enabled: true
          hosts: [{host: shop.example.com}]
          annotations:
            nginx.ingress.kubernetes.io/force-ssl-redirect: "false"
        """);
    Charts.Render render = Charts.render(Charts.APP).values(values);

    assertThat(render.template().lines().filter(l -> l.contains("force-ssl-redirect")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("\"false\""));
    assertThat(render.objects().one(Ingress.class).getMetadata().getAnnotations())
        .containsEntry("nginx.ingress.kubernetes.io/force-ssl-redirect", "false");
  }
}
