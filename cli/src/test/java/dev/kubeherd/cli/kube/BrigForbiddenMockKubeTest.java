package dev.kubeherd.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.cli.KubeTestBackend;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * brig run by a user whose RBAC role does not allow reading Secrets: one line with the API server's
 * own words and what to check, not fabric8's request dump.
 */
@EnableMockKube
class BrigForbiddenMockKubeTest {
  static KubernetesClient client;
  static KubernetesMockServer server;

  static final String DENIED =
      "secrets is forbidden: User \"bob\" cannot list resource \"secrets\" in API group \"\" in"
          + " the namespace \"ci\"";

  @Test
  void projectListForbiddenByRbacSaysWhatTheServerSaidAndWhoNeedsTheRole() {
    String status =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":"
            + "\"Forbidden\",\"code\":403,\"message\":"
            + "\"secrets is forbidden: User \\\"bob\\\" cannot list resource \\\"secrets\\\""
            + " in API group \\\"\\\" in the namespace \\\"ci\\\"\"}";
    for (String selector :
        new String[] {
          "app%3Dbrigade%2Ccomponent%3Dproject", "component%3Dproject%2Capp%3Dbrigade"
        }) {
      server
          .expect()
          .get()
          .withPath("/api/v1/namespaces/ci/secrets?labelSelector=" + selector)
          .andReturn(403, status)
          .always();
    }
    BrigApp app =
        new BrigApp(
            KubeTestBackend.on(client, "ci", Clock.systemUTC()), Clock.systemUTC(), Map.of());
    StringWriter err = new StringWriter();
    CommandLine cl = app.brig();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));

    int code = cl.execute("project", "list");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "Error: Could not list project Secrets in namespace ci (HTTP 403, 1 attempt): "
                + DENIED
                + ". Check that your Kubernetes user (your kubeconfig's, or in a pod its service"
                + " account) has an RBAC role that allows it (see the brigade chart's Roles)\n");
  }
}
