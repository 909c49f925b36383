package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.secret.DocumentFormat;
import dev.kubeherd.core.secret.ProjectSecretCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** project list, get and delete. */
class ProjectQueryCommandsTest {
  @TempDir Path home;
  CliHarness cli;
  Project empty;
  Project whale;

  @BeforeEach
  void setUp() {
    cli = new CliHarness(home);
    empty = cli.project("brigadecore/empty-testbed", "github.com/brigadecore/empty-testbed");
    whale = cli.project("technosophos/-whale-eyes-", "github.com/technosophos/-whale-eyes-");
  }

  @Test
  void listPrintsAnAlignedTable() {
    Result r = cli.brig("project", "list");

    assertThat(r.exitCode()).isZero();
    String pad = " ".repeat("technosophos/-whale-eyes-".length() - "NAME".length());
    assertThat(r.out().lines())
        .containsExactly(
            "NAME" + pad + "  ID" + " ".repeat(60) + "  REPO",
            "technosophos/-whale-eyes-  " + whale.id() + "  github.com/technosophos/-whale-eyes-",
            "brigadecore/empty-testbed  " + empty.id() + "  github.com/brigadecore/empty-testbed");
  }

  @Test
  void listAsJsonPrintsV1ProjectObjectsWithSecretsRedacted() {
    cli.projects.replace(
        new Project(
            whale.id(),
            whale.name(),
            "default",
            Map.of(
                "repository", "github.com/technosophos/-whale-eyes-",
                "cloneURL", "https://github.com/technosophos/-whale-eyes-.git",
                "allowPrivilegedJobs", "false",
                "secrets", "{\"a\":\"hunter2\"}",
                "sharedSecret", "s",
                "github.token", "t",
                "genericGatewaySecret", "g",
                "kubeherd.registryGatewayToken", "r")));

    Result r = cli.brig("project", "list", "-o", "json");

    assertThat(r.exitCode()).isZero();
    JsonNode list = DocumentFormat.JSON.parse(r.out());
    assertThat(list.size()).isEqualTo(2);
    JsonNode w = list.get(0); // sorted by ID: brigade-4079... first
    assertThat(w.path("id").asString()).isEqualTo(whale.id());
    assertThat(w.path("name").asString()).isEqualTo("technosophos/-whale-eyes-");
    assertThat(w.path("repo").path("name").asString())
        .isEqualTo("github.com/technosophos/-whale-eyes-");
    assertThat(w.path("repo").path("cloneURL").asString())
        .isEqualTo("https://github.com/technosophos/-whale-eyes-.git");
    assertThat(w.path("allowPrivilegedJobs").isBoolean()).isTrue();
    assertThat(w.path("allowPrivilegedJobs").asBoolean()).isFalse();
    assertThat(w.path("kubernetes").path("buildStorageSize").asString()).isEqualTo("50Mi");
    assertThat(w.path("secrets").path("a").asString()).isEqualTo("REDACTED");
    assertThat(w.has("repository")).isFalse();
    assertThat(w.has("sharedSecret")).isFalse();
    assertThat(w.path("github").has("token")).isFalse();
    assertThat(w.has("kubeherd.registryGatewayToken")).isFalse();
    assertThat(w.path("genericGatewaySecret").asString()).isEqualTo("g");
    assertThat(r.out()).doesNotContain("hunter2");
    assertThat(list.get(1).path("repo").path("name").asString())
        .isEqualTo("github.com/brigadecore/empty-testbed");
  }

  @Test
  void getPrintsTheSecretAsYamlByDefault() {
    Result r = cli.brig("project", "get", "technosophos/-whale-eyes-");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("apiVersion: v1\nkind: Secret\n");
    assertThat(new ProjectSecretCodec().read(r.out())).isEqualTo(whale);
  }

  @Test
  void getByIdAsJson() {
    Result r = cli.brig("project", "get", whale.id(), "-o", "json");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("{");
    assertThat(new ProjectSecretCodec().read(r.out())).isEqualTo(whale);
  }

  @Test
  void getPrintsEveryValueInClearUnderStringDataAndCreateTakesItBack() throws Exception {
    Project secretive =
        new Project(
            whale.id(),
            whale.name(),
            "default",
            Map.of(
                "repository", "github.com/technosophos/-whale-eyes-",
                "sharedSecret", "s3cr3t-shared",
                "github.token", "tok"));
    cli.projects.replace(secretive);

    Result r = cli.brig("project", "get", whale.id());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).doesNotContain("\ndata:").contains("\nstringData:\n");
    JsonNode stringData = DocumentFormat.YAML.parse(r.out()).path("stringData");
    assertThat(stringData.path("sharedSecret").asString()).isEqualTo("s3cr3t-shared");
    assertThat(stringData.path("github.token").asString()).isEqualTo("tok");
    assertThat(stringData.path("repository").asString())
        .isEqualTo("github.com/technosophos/-whale-eyes-");

    cli.projects.delete(whale.id());
    Path file = Files.writeString(home.resolve("whale.yaml"), r.out());
    Result created = cli.brig("project", "create", "-f", file.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(cli.projects.find(whale.id())).contains(secretive);
  }

  @Test
  void getThenCreateKeepsValuesThatLookLikeNumbersAsWritten() throws Exception {
    Map<String, String> data = new java.util.LinkedHashMap<>();
    data.put("worker.tag", "1.10");
    data.put("sharedSecret", "12e4");
    data.put("github.token", "1e3");
    data.put("kubernetes.cacheStorageClass", ".inf");
    data.put("namespace", "0123");
    data.put("defaultScript", "-1.5");
    data.put("defaultConfig", "+1");
    data.put("sshKey", "-----BEGIN KEY-----\nabc\n-----END KEY-----\n");
    Project numeric = new Project(whale.id(), whale.name(), "default", data);
    cli.projects.replace(numeric);

    Result r = cli.brig("project", "get", whale.id());
    assertThat(r.exitCode()).as(r.err()).isZero();

    cli.projects.delete(whale.id());
    Path file = Files.writeString(home.resolve("numeric.yaml"), r.out());
    Result created = cli.brig("project", "create", "-f", file.toString());
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(cli.projects.find(whale.id()).orElseThrow().data()).isEqualTo(data);
  }

  @Test
  void getOfAnUnknownProjectFails() {
    Result r = cli.brig("project", "get", "no/such");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: could not find the project \"no/such\": ");
  }

  @Test
  void unknownOutputFormatIsAUsageError() {
    Result r = cli.brig("project", "get", whale.id(), "-o", "xml");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: ").contains("--help");
  }

  @Test
  void deleteRemovesTheProjectAfterWritingABackup() throws Exception {
    Path backup = home.resolve("backup.json");

    Result r = cli.brig("project", "delete", "technosophos/-whale-eyes-", "-o", backup.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(cli.projects.find(whale.id())).isEmpty();
    assertThat(new ProjectSecretCodec().read(Files.readString(backup))).isEqualTo(whale);
  }

  @Test
  void deleteDryRunKeepsTheProject() {
    Result r = cli.brig("project", "delete", "-D", whale.id());

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Would delete project " + whale.id());
    assertThat(cli.projects.find(whale.id())).isPresent();
  }

  @Test
  void deleteRemovesAProjectWhoseFileCannotBeReadSayingWhichFile() throws Exception {
    Path file = home.resolve("projects").resolve(whale.id() + ".json");
    Files.writeString(file, "{");

    Result dry = cli.brig("project", "delete", "-D", "technosophos/-whale-eyes-");
    Result r = cli.brig("project", "delete", "technosophos/-whale-eyes-");

    assertThat(dry.out()).contains("Would delete unreadable project " + whale.id());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("Deleted unreadable project " + whale.id() + " (" + file + ")");
    assertThat(Files.exists(file)).isFalse();
  }

  @Test
  void deleteOfAProjectWhoseFileCannotBeReadRefusesABackupNamingTheFile() throws Exception {
    Path file = home.resolve("projects").resolve(whale.id() + ".json");
    Files.writeString(file, "{");

    Result r = cli.brig("project", "delete", whale.id(), "-o", home.resolve("b.json").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("cannot write a backup").contains("Copy " + file + " by hand");
    assertThat(Files.exists(file)).isTrue();
  }

  @Test
  void deleteOfAnUnknownProjectSucceedsQuietlyUnlessVerbose() {
    Result quiet = cli.brig("project", "delete", "no/such");
    Result verbose = cli.brig("project", "delete", "-v", "no/such");

    assertThat(quiet.exitCode()).isZero();
    assertThat(quiet.out() + quiet.err()).isEmpty();
    assertThat(verbose.exitCode()).isZero();
    assertThat(verbose.err()).contains("project \"no/such\" does not exist");
  }
}
