package dev.kubeherd.toolkit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class KubeApiExceptionTest {

  @Test
  void anUnreachableApiServerIsSaidSoWithTheCauseFabric8LeftOut() {
    KubernetesClientException unreachable =
        new KubernetesClientException(
            "Operation: [get]  for kind: [Deployment]  with name: [x]  in namespace: [ns]  failed.",
            new ConnectException("Connection refused"));

    assertThatThrownBy(
            () ->
                KubeApiException.call(
                    "reading the pipeline of namespace ns",
                    () -> {
                      throw unreachable;
                    }))
        .isInstanceOf(KubeApiException.class)
        .hasMessage(
            "the Kubernetes API server could not be reached while reading the pipeline of"
                + " namespace ns (java.net.ConnectException: Connection refused); check"
                + " --kubeconfig, --kube-context or $KUBECONFIG and the network")
        .satisfies(
            e ->
                assertThat(((ToolkitException) e).exitCode())
                    .isEqualTo(ToolkitExitCodes.REMOTE_FAILED));
  }

  @Test
  void anApiAnswerKeepsItsCodeAndTheRbacHint() {
    KubernetesClientException forbidden = new KubernetesClientException("forbidden", 403, null);

    assertThat(new KubeApiException("installing the pipeline", forbidden))
        .hasMessageStartingWith("Kubernetes API failed while installing the pipeline (HTTP 403: ")
        .hasMessageEndingWith(KubeApiException.HINT);
  }
}
