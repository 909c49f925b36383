package dev.kubeherd.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeClientsConfigTest {
  private static final String TWO_CONTEXTS =
      """
      apiVersion: v1
      kind: Config
      current-context: a
      clusters:
      - name: ca
        cluster: {server: "https://a.example:6443"}
      - name: cb
        cluster: {server: "https://b.example:6443"}
      users:
      - name: u
        user: {token: t}
      contexts:
      - name: a
        context: {cluster: ca, user: u}
      - name: b
        context: {cluster: cb, user: u}
      """;

  @TempDir Path dir;

  @Test
  void aNamedContextOfTheKubeconfigIsUsed() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    Config config = KubeClients.config(Optional.of(file.toString()), Optional.of("b"));
    assertThat(config.getMasterUrl()).startsWith("https://b.example:6443");
  }

  @Test
  void anUnknownContextFailsInsteadOfUsingTheCurrentOne() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    assertThatThrownBy(() -> KubeClients.config(Optional.of(file.toString()), Optional.of("nope")))
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("context \"nope\" does not exist in " + file + "; contexts: a, b");
  }

  @Test
  void anUnknownContextOfTheKubeconfigEnvironmentFileFails() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    assertThatThrownBy(
            () ->
                KubeClients.config(Optional.empty(), Optional.of("nope"), List.of(file.toString())))
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("context \"nope\" does not exist in " + file)
        .hasMessageContaining("contexts: a, b");
  }

  @Test
  void aCorruptKubeconfigNamesTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), "clusters: [unclosed\n  : : {\n");
    assertThatThrownBy(() -> KubeClients.config(Optional.of(file.toString()), Optional.empty()))
        .isInstanceOf(KubeConfigException.class)
        .hasMessageStartingWith("kubeconfig " + file + " is not valid YAML: ")
        .hasMessageEndingWith("; fix it or point --kubeconfig/KUBECONFIG elsewhere");
  }

  @Test
  void anEmptyKubeconfigWithAContextSaysTheContextDoesNotExist() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), "\n");
    assertThatThrownBy(() -> KubeClients.config(Optional.of(file.toString()), Optional.of("a")))
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("context \"a\" does not exist in " + file + "; contexts: (none)");
  }

  @Test
  void aContextOfTheKubeconfigTheClientDiscoversIsAccepted() throws Exception {
    Path file = Files.writeString(dir.resolve("config"), TWO_CONTEXTS);
    String before = System.getProperty("kubeconfig");
    System.setProperty("kubeconfig", file.toString());
    try {
      Config config = KubeClients.config(Optional.empty(), Optional.of("b"));
      assertThat(config.getMasterUrl()).startsWith("https://b.example:6443");
    } finally {
      if (before == null) {
        System.clearProperty("kubeconfig");
      } else {
        System.setProperty("kubeconfig", before);
      }
    }
  }

  @Test
  void aContextWhenNoKubeconfigExistsNamesTheMissingFiles() {
    String a = dir.resolve("a").toString();
    String b = dir.resolve("b").toString();
    assertThatThrownBy(() -> KubeClients.config(Optional.empty(), Optional.of("x"), List.of(a, b)))
        .isInstanceOf(KubeConfigException.class)
        .hasMessage(
            "context \"x\" does not exist: no kubeconfig found ("
                + a
                + ", "
                + b
                + " do not exist); pass one with --kubeconfig or leave out --kube-context");
  }
}
