package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** brig project create without -f: v1's questions, answered on standard input. */
class ProjectCreatePromptsTest {
  @TempDir Path dir;
  CliHarness cli;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(dir.resolve("home"));
  }

  private static String lines(String... answers) {
    return String.join("\n", answers) + "\n";
  }

  @Test
  void vcsProjectFromAnswersWithSshKeySecretsAndGeneratedSharedSecret() throws IOException {
    Path key =
        Files.writeString(dir.resolve("id_rsa"), "-----BEGIN KEY-----\nabc\n-----END KEY-----\n");
    cli.input =
        lines(
            "1", // VCS
            "acme/app", // name
            "", // repository: default github.com/acme/app
            "git@github.com:acme/app.git", // clone URL
            key.toString(), // SSH key
            "y", // add secrets
            "password",
            "hunter2",
            "", // done with secrets
            "", // shared secret: auto-generate
            "", // no token
            ""); // no advanced options

    Result r = cli.brig("project", "create");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).isEqualTo("Project ID: " + ProjectIds.fromName("acme/app") + "\n");
    assertThat(r.out()).contains("? Project name [brigadecore/empty-testbed]: ");
    Project p = cli.projects.find("acme/app").orElseThrow();
    assertThat(p.name()).isEqualTo("acme/app");
    assertThat(p.repository()).isEqualTo("github.com/acme/app");
    assertThat(p.cloneUrl()).isEqualTo("git@github.com:acme/app.git");
    assertThat(p.value("sshKey")).isEqualTo("-----BEGIN KEY-----$abc$-----END KEY-----$");
    assertThat(p.secretsJson()).isEqualTo("{\"password\":\"hunter2\"}");
    assertThat(p.value("sharedSecret")).matches("[A-Za-z0-9]{24}");
    assertThat(p.value("vcsSidecar")).isEqualTo("brigadecore/git-sidecar:latest");
    assertThat(p.value("allowPrivilegedJobs")).isEqualTo("false");
    assertThat(p.get("github.token")).isEmpty();
  }

  @Test
  void anSshKeyComesWithAnEmptySshCertSoJobPodsVcsSidecarCanStart() throws IOException {
    Path key = Files.writeString(dir.resolve("id_ed25519"), "KEY\n");
    cli.input =
        lines(
            "1", // VCS
            "acme/keyed", // name
            "", // repository: default
            "git@github.com:acme/keyed.git", // clone URL
            key.toString(), // SSH key
            "n", // no secrets
            "", // shared secret: auto-generate
            "", // no token
            ""); // no advanced options

    Result r = cli.brig("project", "create");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Project p = cli.projects.find("acme/keyed").orElseThrow();
    assertThat(p.value("sshKey")).isEqualTo("KEY$");
    assertThat(p.get("sshCert")).contains("");
  }

  @Test
  void noVcsProjectNeedsADefaultScriptAndClearsTheSidecar() throws IOException {
    Path script = Files.writeString(dir.resolve("brigade.js"), "console.log('x')");
    cli.input = lines("no-VCS", "tools/cron", script.toString(), "n", "3", "", "n");

    Result r = cli.brig("project", "create");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Project p = cli.projects.find("tools/cron").orElseThrow();
    assertThat(p.value("defaultScript")).isEqualTo("console.log('x')");
    assertThat(p.value("vcsSidecar")).isEmpty();
    assertThat(p.get("sharedSecret")).isEmpty();
  }

  @Test
  void advancedAnswersSetFlagsAndRejectAnAbsoluteScriptPath() {
    String common = lines("1", "acme/adv", "", "", "n", "2", "s3cr3t", "tok", "y");
    String advanced =
        lines(
            "1Gi",
            "y",
            "deployer",
            "",
            "",
            "NONE",
            "",
            "",
            "",
            "",
            "",
            "y",
            "y",
            "",
            "n",
            "ci/brigade.js",
            "",
            "",
            "abc123");
    cli.input = common + advanced;

    Result r = cli.brig("project", "create");

    assertThat(r.exitCode()).as(r.err()).isZero();
    Project p = cli.projects.find("acme/adv").orElseThrow();
    assertThat(p.value("sharedSecret")).isEqualTo("s3cr3t");
    assertThat(p.value("github.token")).isEqualTo("tok");
    assertThat(p.value("buildStorageSize")).isEqualTo("1Gi");
    assertThat(p.value("kubernetes.allowSecretKeyRef")).isEqualTo("true");
    assertThat(p.value("serviceAccount")).isEqualTo("deployer");
    assertThat(p.value("vcsSidecar")).isEmpty();
    assertThat(p.value("allowHostMounts")).isEqualTo("true");
    assertThat(p.value("allowPrivilegedJobs")).isEqualTo("true");
    assertThat(p.value("brigadejsPath")).isEqualTo("ci/brigade.js");
    assertThat(p.value("genericGatewaySecret")).isEqualTo("abc123");

    cli.input =
        common.replace("acme/adv", "acme/abs") + advanced.replace("ci/brigade.js", "/etc/x.js");
    Result bad = cli.brig("project", "create");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("must be relative to the repository root, not /etc/x.js");
  }

  @Test
  void noPromptsTakesV1DefaultsAndFromProjectStartsFromAnother() {
    Result r = cli.brig("project", "create", "-x");

    assertThat(r.exitCode()).isZero();
    Project p = cli.projects.find("brigadecore/empty-testbed").orElseThrow();
    assertThat(p.cloneUrl()).isEqualTo("https://github.com/brigadecore/empty-testbed.git");

    cli.input = lines("1", "acme/copy", "", "", "n", "3", "", "n");
    Result copy = cli.brig("project", "create", "-p", "brigadecore/empty-testbed");
    assertThat(copy.exitCode()).as(copy.err()).isZero();
    assertThat(cli.projects.find("acme/copy").orElseThrow().value("buildStorageSize"))
        .isEqualTo("50Mi");
  }

  @Test
  void fromProjectWithoutARepositoryKeyOffersTheProjectNameAsV1Did() {
    cli.projects.create(
        new Project(
            ProjectIds.fromName("acme/norepo"),
            "acme/norepo",
            "default",
            Map.of("cloneURL", "https://example.com/norepo.git")));
    cli.input = lines("1", "", "", "", "n", "3", "", "n");

    Result r = cli.brig("project", "create", "-r", "-p", "acme/norepo");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("? Full repository name [acme/norepo]: ");
    Project p = cli.projects.find("acme/norepo").orElseThrow();
    assertThat(p.repository()).isEqualTo("acme/norepo");
    assertThat(p.cloneUrl()).isEqualTo("https://example.com/norepo.git");
  }

  @Test
  void fromProjectWhoseSecretsAreNotAJsonObjectFailsNamingTheProjectAndKey() {
    for (String secrets : List.of("[1]", "{not json", "\"text\"")) {
      Project bad =
          new Project(
              ProjectIds.fromName("acme/bad"),
              "acme/bad",
              "default",
              Map.of("repository", "github.com/acme/bad", "secrets", secrets));
      cli.projects.delete(bad.id());
      cli.projects.create(bad);
      cli.input = lines("1", "", "", "", "y", "k", "v", "", "3", "", "n");

      Result r = cli.brig("project", "create", "-r", "-p", "acme/bad");

      assertThat(r.exitCode()).as(secrets).isEqualTo(1);
      assertThat(r.err())
          .as(secrets)
          .startsWith(
              "Error: the \"secrets\" key of project "
                  + bad.id()
                  + " (acme/bad) is not a JSON object of secret names and values")
          .contains("brig project create -r -f FILE")
          .doesNotContain("Exception")
          .doesNotContain("cannot be cast");
      assertThat(cli.projects.find("acme/bad").orElseThrow().value("secrets")).isEqualTo(secrets);
    }
  }

  @Test
  void fromProjectWhoseSecretsAreNotAJsonObjectIsUsableWhenTheSecretsAreNotEdited() {
    cli.projects.create(baseWithSecrets("acme/odd", "[1]"));
    cli.input = lines("1", "acme/copy", "", "", "n", "3", "", "n");

    Result r = cli.brig("project", "create", "-p", "acme/odd");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.projects.find("acme/copy").orElseThrow().value("secrets")).isEqualTo("[1]");
  }

  @Test
  void fromProjectWhoseSecretsAreJsonNullStartsFromNoSecretsAsV1Did() {
    cli.projects.create(baseWithSecrets("acme/nulls", "null"));
    cli.input = lines("1", "acme/copy", "", "", "y", "k", "v", "", "3", "", "n");

    Result r = cli.brig("project", "create", "-p", "acme/nulls");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(cli.projects.find("acme/copy").orElseThrow().secretsJson())
        .isEqualTo("{\"k\":\"v\"}");
  }

  private static Project baseWithSecrets(String name, String secrets) {
    return new Project(
        ProjectIds.fromName(name),
        name,
        "default",
        Map.of("repository", "github.com/" + name, "secrets", secrets));
  }

  @Test
  void anEmptyProjectNameIsAskedForAgain() {
    cli.projects.create(
        new Project("brigade-unnamed", "", "default", Map.of("repository", "github.com/x/y")));
    cli.input = lines("1", "", "acme/named", "", "", "n", "3", "", "n");

    Result r = cli.brig("project", "create", "-p", "brigade-unnamed");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("? Project name:   a value is required\n? Project name: ");
    assertThat(r.err()).isEqualTo("Project ID: " + ProjectIds.fromName("acme/named") + "\n");
    Project p = cli.projects.find("acme/named").orElseThrow();
    assertThat(p.name()).isEqualTo("acme/named");
    assertThat(p.repository()).isEqualTo("github.com/acme/named");
  }

  @Test
  void runningOutOfAnswersSaysHowToAvoidPrompts() {
    cli.input = lines("1");

    Result r = cli.brig("project", "create");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("pass the project Secret with -f FILE, or -x");
    assertThat(cli.projects.list()).isEmpty();
  }

  @Test
  void fromProjectCannotBeCombinedWithAFile() throws IOException {
    Path f = Files.writeString(dir.resolve("p.yaml"), "metadata:\n  name: brigade-x\n");

    Result r = cli.brig("project", "create", "-f", f.toString(), "-p", "x");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--from-project cannot be combined with -f");
  }
}
