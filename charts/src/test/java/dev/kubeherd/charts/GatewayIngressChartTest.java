package dev.kubeherd.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.gateway.generic.GenericGateway;
import dev.kubeherd.gateway.github.GithubGateway;
import dev.kubeherd.gateway.registry.RegistryGateway;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the gateway's Ingress publishes: only what is meant to be reached from the internet. */
class GatewayIngressChartTest {
  /** Gateway routes that must not be reachable from outside unless someone adds their path. */
  private static final List<String> INSIDE_ONLY =
      List.of(
          RegistryGateway.PATH + "/acme",
          RegistryGateway.PATH + "/acme/shop/3f2c1ab",
          GenericGateway.SIMPLE_PATH + "/acme-shop/s3cr3t",
          "/cloudevents/v1/acme-shop/s3cr3t",
          "/deliveries/d-1/replay",
          "/metrics",
          "/api/v1/builds",
          "/builds/01h",
          "/");

  private static List<HTTPIngressPath> defaultPaths() {
    Ingress ingress =
        Charts.render(Charts.KUBEHERD)
            .set("gateway.ingress.enabled", true)
            .set("gateway.ingress.host", "ci.example.com")
            .objects()
            .one(Ingress.class);
    return ingress.getSpec().getRules().getFirst().getHttp().getPaths();
  }

  @Test
  void byDefaultTheIngressRoutesTheGithubWebhooks() {
    List<HTTPIngressPath> paths = defaultPaths();

    for (String github : List.of(GithubGateway.PATH, GithubGateway.PATH + "/12345/67890")) {
      assertThat(paths).as("routes %s", github).anyMatch(p -> routes(p, github));
    }
  }

  @Test
  void byDefaultTheIngressRoutesNoUnauthenticatedOrInternalGatewayPath() {
    List<HTTPIngressPath> paths = defaultPaths();

    for (String inside : INSIDE_ONLY) {
      assertThat(paths)
          .as("an Ingress path routes %s to the gateway", inside)
          .noneMatch(p -> routes(p, inside));
    }
  }

  /**
   * Whether the Ingress path sends {@code request} to its backend: {@code Exact} matches the whole
   * path, {@code Prefix} whole path elements ({@code /events} matches {@code /events/x}, not {@code
   * /eventsx}); ingress-nginx reads {@code ImplementationSpecific} as a plain prefix.
   */
  private static boolean routes(HTTPIngressPath p, String request) {
    String path = p.getPath();
    return switch (p.getPathType()) {
      case "Exact" -> request.equals(path);
      case "Prefix" -> elementPrefix(path, request);
      default -> request.startsWith(path);
    };
  }

  private static boolean elementPrefix(String path, String request) {
    List<String> prefix = elements(path);
    List<String> elements = elements(request);
    return elements.size() >= prefix.size() && elements.subList(0, prefix.size()).equals(prefix);
  }

  private static List<String> elements(String path) {
    return Arrays.stream(path.split("/")).filter(e -> !e.isEmpty()).toList();
  }
}
