package dev.kubeherd.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.BrigApp;
import dev.kubeherd.testsupport.tools.SyncStandIns;
import dev.kubeherd.testsupport.tools.SyncStandIns.Call;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code kubeherd sync master|worker|app} against copies of {@code examples/cluster-repo} and
 * {@code examples/app-repo}, committed into local git repositories, with recording stand-ins for
 * sops, helmfile and kubectl: the exact order of tool runs, their cwd and env, the plaintext's mode
 * while helmfile runs, and that the secret sops "decrypts" appears in no output, argv, env or file
 * left behind.
 */
class SyncExamplesTest {
  static final String SECRET = "s3cr3t-from-kms-4f1c";
  static final PersonIdent WHO =
      new PersonIdent(
          "Test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  SyncStandIns tools;
  Path cluster;
  Path scratch;
  Map<String, String> env;

  @BeforeEach
  void stage() throws Exception {
    Path origins = Files.createDirectories(tmp.resolve("origins"));
    for (String app : List.of("your-app1-repo", "your-svc-z")) {
      Path repo = copy(Path.of("app-repo"), origins.resolve(app));
      commit(repo, "v1.2.0");
    }
    cluster = copy(Path.of("cluster-repo"), tmp.resolve("work/cluster"));
    Path apps = cluster.resolve("environments/test/app-infra/apps.yaml");
    Files.writeString(
        apps,
        Files.readString(apps)
            .replace("git@github.com:your-org/{app}.git", origins.toUri() + "{app}"));
    commit(cluster, null);
    cluster = cluster.toRealPath();
    scratch = Files.createDirectories(tmp.resolve("scratch")).toRealPath();
    tools = new SyncStandIns(tmp.resolve("bin"));
    tools.add(
        "sops",
        "f=\"\"; for a in \"$@\"; do f=\"$a\"; done\n"
            + "printf 'file: %s\\nvalue: "
            + SECRET
            + "\\n' \"$(basename \"$f\")\"");
    tools.add("helmfile", "echo \"Upgrading release=$APP\"");
    env = new HashMap<>();
    env.put("KUBEHERD_HOME", tmp.resolve("home").toString());
    env.put("PATH", tools.path());
    env.put("HOME", tmp.resolve("userhome").toString());
    env.put("KUBEHERD_ENVIRONMENT", "test");
  }

  @Test
  void syncMasterDecryptsThenSyncsTheClusterLevelThenEveryAppInOrder() throws Exception {
    Result r = kubeherd("sync", "master", "--repo-dir", cluster.toString(), "-c", "k8stest1");

    assertThat(r.code()).as(r.err()).isZero();
    List<Call> calls = tools.calls();
    List<String> described = new ArrayList<>();
    for (Call c : calls) {
      described.add(c.describe());
    }
    Path infra = cluster.resolve("environments/test/cluster-infra");
    Path appInfra = cluster.resolve("environments/test/app-infra");
    assertThat(described)
        .containsExactly(
            "sops --decrypt --input-type yaml --output-type yaml "
                + infra.resolve("brigade-project.secrets.yaml.enc")
                + " (in cluster-infra)",
            "helmfile --file helmfile sync (in cluster-infra)",
            "sops --decrypt --input-type yaml --output-type yaml "
                + appInfra.resolve("brigade-project.secrets.yaml.enc")
                + " (in app-infra)",
            "helmfile --file helmfile sync (in app-infra)",
            "sops --decrypt --input-type yaml --output-type yaml "
                + appInfra.resolve("brigade-project.secrets.yaml.enc")
                + " (in app-infra)",
            "helmfile --file helmfile sync (in app-infra)");
    assertThat(calls.get(1).cwd()).isEqualTo(infra);
    assertThat(calls.get(1).env()).containsEntry("CLUSTER", "k8stest1").doesNotContainKey("APP");
    assertThat(calls.get(1).secrets())
        .containsExactly(
            "brigade-project.secrets.yaml 600 "
                + sha256(plaintext("brigade-project.secrets.yaml.enc")));

    Map<String, String> app1 = calls.get(3).env();
    assertThat(calls.get(3).cwd()).isEqualTo(appInfra);
    assertThat(app1)
        .containsEntry("APP", "your-app1-repo")
        .containsEntry("CLUSTER", "k8stest1")
        .containsEntry("APP_PIPELINE_TEMPLATE", "brig-project-tmpl-1")
        .containsKeys("APP_VALUES_DIR", "APP_NAMESPACE_DEFAULTS");
    assertThat(Path.of(app1.get("APP_VALUES_DIR")))
        .startsWithRaw(scratch)
        .endsWithRaw(Path.of("app-repo/ci/environments/test"));
    assertThat(calls.get(3).sawAppValues()).isTrue();
    assertThat(calls.get(3).secrets()).hasSize(1).allMatch(s -> s.contains(" 600 "));

    Map<String, String> svcZ = calls.get(5).env();
    assertThat(svcZ)
        .containsEntry("APP", "your-svc-z")
        .containsEntry("APP_PIPELINE_TEMPLATE", "brig-project-default")
        .doesNotContainKey("APP_NAMESPACE_DEFAULTS");
    assertThat(calls.get(5).sawAppValues()).isTrue();

    assertThat(r.err()).contains("apps synced: your-app1-repo, your-svc-z");
    assertNothingLeft(r);
  }

  @Test
  void syncAppRunsTheAppHelmfileFromItsEnvironmentDirectoryWithGitTag() throws Exception {
    Path app = clone(tmp.resolve("origins/your-app1-repo"), tmp.resolve("work/app1"));

    Result r = kubeherd("sync", "app", "--repo-dir", app.toString(), "--cluster", "k8stest1");

    assertThat(r.code()).as(r.err()).isZero();
    List<Call> calls = tools.calls();
    Path cwd = app.resolve("ci/environments/test");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).tool()).isEqualTo("sops");
    assertThat(calls.get(0).argv())
        .containsExactly(
            "--decrypt",
            "--input-type",
            "yaml",
            "--output-type",
            "yaml",
            cwd.resolve("app.secrets.yaml.enc").toString());
    assertThat(calls.get(1).tool()).isEqualTo("helmfile");
    assertThat(calls.get(1).argv())
        .containsExactly("--file", "../../helmfile", "--environment", "test", "sync");
    assertThat(calls.get(1).cwd()).isEqualTo(cwd);
    assertThat(calls.get(1).env())
        .containsEntry("ENV", "test")
        .containsEntry("CLUSTER", "k8stest1")
        .containsEntry("GIT_TAG", "v1.2.0");
    assertThat(calls.get(1).secrets())
        .containsExactly("app.secrets.yaml 600 " + sha256(plaintext("app.secrets.yaml.enc")));
    assertNothingLeft(r);
  }

  @Test
  void syncAppTakesGitTagFromTheJobEnvironment() throws Exception {
    Path app = clone(tmp.resolve("origins/your-app1-repo"), tmp.resolve("work/app1"));
    env.put("GIT_TAG", "build-42");

    Result r = kubeherd("sync", "app", "--repo-dir", app.toString(), "--cluster", "k8stest1");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(tools.calls().get(1).env()).containsEntry("GIT_TAG", "build-42");
  }

  @Test
  void sopsFailureFailsTheSyncBeforeHelmfileRuns() throws Exception {
    tools.add(
        "sops",
        "echo 'Failed to get the data key required to decrypt the SOPS file.' >&2; exit 128");

    Result r = kubeherd("sync", "master", "--repo-dir", cluster.toString(), "-c", "k8stest1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("sops --decrypt --input-type yaml --output-type yaml")
        .contains("failed with exit code 128")
        .contains("Failed to get the data key");
    List<String> tools = new ArrayList<>();
    for (Call c : this.tools.calls()) {
      tools.add(c.tool());
    }
    assertThat(tools).containsExactly("sops");
    assertNothingLeft(r);
  }

  @Test
  void createFailsWithExitFourWhenTheAppNamespaceExists() throws Exception {
    tools.add("kubectl", "[ \"$3\" = your-app1-repo ] && echo namespace/your-app1-repo; exit 0");

    Result r =
        kubeherd(
            "sync",
            "worker",
            "your-app1-repo",
            "--create",
            "--repo-dir",
            cluster.toString(),
            "-c",
            "k8stest1");

    assertThat(r.code()).isEqualTo(4);
    assertThat(r.err()).contains("namespace your-app1-repo already exists");
    assertThat(tools.calls()).hasSize(1);
    assertThat(tools.calls().get(0).argv())
        .containsExactly("get", "namespace", "your-app1-repo", "--ignore-not-found", "-o", "name");
  }

  @Test
  void malformedAppsYamlNamesFileAndLineBeforeAnythingRuns() throws Exception {
    Path apps = cluster.resolve("environments/test/app-infra/apps.yaml");
    Files.writeString(apps, "services:\n  good:\n  Bad_Name:\n    repository: x\n");

    Result r = kubeherd("sync", "master", "--repo-dir", cluster.toString(), "-c", "k8stest1");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(apps + ":3:3: app name 'Bad_Name' is not a valid namespace name");
    assertThat(tools.calls()).as("nothing decrypted or applied").isEmpty();
    assertNothingLeft(r);
  }

  @Test
  void missingHelmfileIsExitOneNamingIt() throws Exception {
    Files.delete(tools.bin.resolve("helmfile"));

    Result r = kubeherd("sync", "master", "--repo-dir", cluster.toString(), "-c", "k8stest1");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("helmfile is not installed");
    assertThat(tools.calls()).isEmpty();
  }

  private void assertNothingLeft(Result r) throws Exception {
    assertThat(r.out() + r.err()).doesNotContain(SECRET);
    for (Call c : tools.calls()) {
      assertThat(c.text()).as(c.describe()).doesNotContain(SECRET);
    }
    try (Stream<Path> files = Files.walk(tmp.resolve("work"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(f.getFileName().toString()).doesNotEndWith(".secrets.yaml");
        assertThat(Files.readString(f, StandardCharsets.ISO_8859_1))
            .as(f.toString())
            .doesNotContain(SECRET);
      }
    }
    try (Stream<Path> left = Files.list(scratch)) {
      assertThat(left.toList()).isEmpty();
    }
  }

  private String plaintext(String encryptedName) {
    return "file: " + encryptedName + "\nvalue: " + SECRET + "\n";
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Result kubeherd(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--work-dir");
    all.add(scratch.toString());
    CommandLine cli = BrigApp.local(env, Clock.systemUTC()).kubeherd();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target);
        }
      }
    }
    return to;
  }

  private static void commit(Path repo, String tag) throws Exception {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("example").setAuthor(WHO).setCommitter(WHO).call();
      if (tag != null) {
        git.tag().setName(tag).setAnnotated(true).setMessage(tag).setTagger(WHO).call();
      }
    }
  }

  private static Path clone(Path origin, Path dir) throws Exception {
    Git.cloneRepository()
        .setURI(origin.toUri().toString())
        .setDirectory(dir.toFile())
        .call()
        .close();
    return dir.toRealPath();
  }

  record Result(int code, String out, String err) {}
}
