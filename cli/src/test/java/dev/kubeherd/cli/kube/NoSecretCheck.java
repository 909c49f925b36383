package dev.kubeherd.cli.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.testsupport.tools.SyncStandIns.Call;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * No secret (deploy key, GitHub token, webhook secret, sops key, sops' plaintext) in: the build
 * logs (ConfigMaps), the build and job Secrets (requests, payloads, job env and scripts), any
 * tool's argv, any env value but the sops key handed to the app's sync job as {@code SOPS_AGE_KEY},
 * or any file left in the test's directories: the pods' checkouts and volumes, scratch and temp
 * dirs, the served repositories. Not searched: the project Secrets' JSON the test wrote ({@code
 * releases/}) and the worker pods' project and build Secret volumes, which hold the secrets by
 * design (a kubelet keeps them in tmpfs).
 */
final class NoSecretCheck {
  private static final List<String> BUILD_AND_JOB = List.of("brigade.sh/build", "brigade.sh/job");
  private static final List<String> SECRET_VOLUMES = List.of("brigade-project", "brigade-build");

  private final KubePipelineStage stage;
  private final List<String> secrets;

  NoSecretCheck(KubePipelineStage stage) {
    this.stage = stage;
    List<String> keyBody = stage.sshKey.lines().filter(l -> !l.startsWith("-----")).toList();
    this.secrets =
        List.of(
            KubePipelineStage.HOOK_SECRET,
            KubePipelineStage.TOKEN,
            KubePipelineStage.AGE_KEY,
            KubePipelineStage.DECRYPTED,
            keyBody.get(keyBody.size() / 2));
  }

  void run() throws Exception {
    String logs = stage.logs();
    assertThat(logs)
        .contains("Upgrading release=your-app1-repo")
        .contains("Upgrading release=cluster");
    assertFree("build logs", logs);
    for (String ns : List.of(KubePipelineStage.BOOT, KubePipelineStage.APP)) {
      for (Secret s : stage.client.secrets().inNamespace(ns).list().getItems()) {
        if (BUILD_AND_JOB.contains(String.valueOf(s.getType()))) {
          assertFree(s.getType() + " " + s.getMetadata().getName(), decoded(s));
        }
      }
    }
    for (Call c : stage.tools.calls()) {
      Map<String, String> env = new LinkedHashMap<>(c.env());
      env.remove("SOPS_AGE_KEY");
      assertFree(c.describe() + " argv", String.join("\n", c.argv()));
      assertFree(c.describe() + " env", String.join("\n", env.values()));
      assertFree(c.describe() + " plaintext records", String.join("\n", c.secrets()));
    }
    for (Path f : leftFiles()) {
      assertThat(f.getFileName().toString()).doesNotEndWith(".secrets.yaml");
      assertFree(f.toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
    }
    try (Stream<Path> tmp = Files.list(stage.jobTmp)) {
      assertThat(tmp.toList()).as("the sync jobs' temporary files").isEmpty();
    }
  }

  private List<Path> leftFiles() throws Exception {
    Path releases = stage.dir.resolve("releases");
    List<Path> left;
    try (Stream<Path> files = Files.walk(stage.dir)) {
      left =
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.startsWith(releases) && !inSecretVolume(f))
              .toList();
    }
    assertThat(left)
        .as("the pods' checkouts are among the files searched")
        .anyMatch(f -> f.endsWith(Path.of("ci/environments/test/app.secrets.yaml.enc")))
        .anyMatch(f -> f.endsWith(Path.of("environments/test/app-infra/apps.yaml")));
    return left;
  }

  private static boolean inSecretVolume(Path f) {
    for (int i = 0; i + 1 < f.getNameCount(); i++) {
      if (f.getName(i).toString().equals("volumes")
          && SECRET_VOLUMES.contains(f.getName(i + 1).toString())) {
        return true;
      }
    }
    return false;
  }

  private static String decoded(Secret s) {
    List<String> values = new ArrayList<>();
    if (s.getData() != null) {
      s.getData()
          .values()
          .forEach(
              v -> values.add(new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (s.getStringData() != null) {
      values.addAll(s.getStringData().values());
    }
    return String.join("\n", values);
  }

  private void assertFree(String where, String text) {
    for (String secret : secrets) {
      assertThat(text).as(where).doesNotContain(secret);
    }
  }
}
