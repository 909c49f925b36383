package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.ProjectIds;
import dev.kubeherd.sdkjs.DefaultScripts;
import dev.kubeherd.testsupport.tools.SyncStandIns;
import dev.kubeherd.testsupport.tools.SyncStandIns.Call;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the two end-to-end chains of the three pipeline levels (local mode: {@link
 * PipelineEndToEndTest}; Kubernetes mode: {@code KubernetesPipelineEndToEndTest}) share: the app
 * pipeline's project Secret a kubeherd-project release would install, and the tool calls the chain
 * must make, in order, on the examples' cluster and app repositories.
 */
public final class PipelineChain {
  /** The apps of the examples' apps.yaml, in file order. */
  public static final List<String> APPS = List.of("your-app1-repo", "your-svc-z");

  private PipelineChain() {}

  /**
   * Writes the app pipeline's project Secret (as {@code brig project create -f} reads it) for
   * {@code app} of org {@code your-org}: the bundled app script, secret references allowed, ENV and
   * CLUSTER of the examples, plus {@code data} (clone URL, keys, tokens, sops key…).
   */
  public static void writeAppProjectSecret(Path file, String app, Map<String, Object> data)
      throws Exception {
    String name = "your-org/" + app;
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("repository", "github.com/" + name);
    all.put("kubernetes.allowSecretKeyRef", "true");
    all.put("defaultScript", DefaultScripts.APP.text());
    all.putAll(data);
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("apiVersion", "v1");
    secret.put("kind", "Secret");
    secret.put(
        "metadata",
        Map.of("name", ProjectIds.fromName(name), "annotations", Map.of("projectName", name)));
    secret.put("type", "brigade.sh/project");
    secret.put("stringData", all);
    Files.writeString(file, new JsonObject(secret).encodePrettily());
  }

  /**
   * The chain's stand-ins: sops prints a plaintext holding {@code decrypted}; helmfile, for an
   * app-infra release ({@code APP} set), installs the app's pipeline with {@code createProject} (a
   * shell command taking {@code -f FILE}) from {@code releases/APP.json}, records the HEAD it
   * synced in its call directory and prints the release; kubectl succeeds.
   */
  public static void addStandIns(
      SyncStandIns tools, String decrypted, String createProject, Path releases) throws Exception {
    tools.add(
        "sops",
        "f=\"\"; for a in \"$@\"; do f=\"$a\"; done\n"
            + "printf 'file: %s\\nvalue: "
            + decrypted
            + "\\n' \"$(basename \"$f\")\"");
    tools.add(
        "helmfile",
        "if [ -n \"${APP:-}\" ]; then\n"
            + "  "
            + createProject
            + " -f '"
            + releases
            + "'/\"$APP.json\" || exit 1\n"
            + "fi\n"
            + "git rev-parse HEAD > \"$c/head\"\n"
            + "echo \"Upgrading release=${APP:-cluster}\"");
    tools.add("kubectl", "exit 0");
  }

  /**
   * The chain's ten sops, helmfile and kubectl calls in order with their cwd and the variables of
   * each level; the sync master's helmfile runs see the app values, the app is synced at {@code
   * appSha}, and every decrypted file was 0600.
   */
  public static void assertChainCalls(List<Call> calls, String appSha) throws Exception {
    List<String> described = new ArrayList<>();
    for (Call c : calls) {
      described.add(c.describe() + " " + c.cwd());
    }
    String infra = "/src/environments/test/cluster-infra";
    String appInfra = "/src/environments/test/app-infra";
    String app = "/src/ci/environments/test";
    String decrypt = "sops --decrypt --input-type yaml --output-type yaml ";
    assertThat(described)
        .containsExactly(
            decrypt + infra + "/brigade-project.secrets.yaml.enc (in cluster-infra) " + infra,
            "helmfile --file helmfile sync (in cluster-infra) " + infra,
            "kubectl get namespace your-app1-repo --ignore-not-found -o name (in app-infra) "
                + appInfra,
            decrypt + appInfra + "/brigade-project.secrets.yaml.enc (in app-infra) " + appInfra,
            "helmfile --file helmfile sync (in app-infra) " + appInfra,
            "kubectl get namespace your-svc-z --ignore-not-found -o name (in app-infra) "
                + appInfra,
            decrypt + appInfra + "/brigade-project.secrets.yaml.enc (in app-infra) " + appInfra,
            "helmfile --file helmfile sync (in app-infra) " + appInfra,
            decrypt + app + "/app.secrets.yaml.enc (in test) " + app,
            "helmfile --file ../../helmfile --environment test sync (in test) " + app);
    assertThat(calls.get(1).env())
        .containsEntry("CLUSTER", "k8stest1")
        .containsEntry("ENV", "test")
        .doesNotContainKey("APP");
    for (int i : new int[] {4, 7}) {
      assertThat(calls.get(i).env())
          .containsEntry("APP", APPS.get(i == 4 ? 0 : 1))
          .containsEntry("CLUSTER", "k8stest1")
          .containsEntry("ENV", "test");
      assertThat(calls.get(i).sawAppValues()).isTrue();
    }
    assertThat(calls.get(9).env())
        .containsEntry("ENV", "test")
        .containsEntry("CLUSTER", "k8stest1")
        .containsEntry("GIT_TAG", "v1.2.0")
        .doesNotContainKey("APP");
    assertThat(Files.readString(calls.get(9).dir().resolve("head")).strip())
        .as("the app is synced at the deployment's commit")
        .isEqualTo(appSha);
    for (int i : new int[] {1, 4, 7, 9}) {
      assertThat(calls.get(i).secrets()).hasSize(1).allMatch(s -> s.contains(" 600 "));
    }
  }
}
