package dev.kubeherd.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCreateCommandTest {
  static final String NAME = "technosophos/-whale-eyes-";
  static final String ID = ProjectIds.fromName(NAME);

  @TempDir Path dir;
  CliHarness cli;
  Path secret;

  @BeforeEach
  void setUp() throws IOException {
    cli = new CliHarness(dir.resolve("home"));
    secret = write("project.yaml", secretYaml(ID, "github.com/" + NAME));
  }

  @Test
  void createsProjectFromSecretFileAndPrintsIdOnStderr() {
    Result r = cli.brig("project", "create", "-f", secret.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEqualTo("Project ID: " + ID + "\n");
    assertThat(r.out()).isEmpty();
    Project stored = cli.projects.find(NAME).orElseThrow();
    assertThat(stored.name()).isEqualTo(NAME);
    assertThat(stored.repository()).isEqualTo("github.com/" + NAME);
    assertThat(stored.value("sharedSecret")).isEqualTo("hooks");
    assertThat(stored.namespace()).isEqualTo("default");
  }

  @Test
  void namespaceFlagFillsAMissingNamespace() {
    Result r = cli.brig("project", "create", "-n", "ci", "-f", secret.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(cli.projects.find(ID).orElseThrow().namespace()).isEqualTo("ci");
  }

  @Test
  void refusesToOverwriteAnExistingProject() {
    cli.brig("project", "create", "-f", secret.toString());

    Result r = cli.brig("project", "create", "-f", secret.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    // v1 printed "Project ID: <id>" on stderr before looking for the project (contract §5.3), and
    // nothing on stdout
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("Project ID: " + ID + "\n")
        .contains(
            "Error: project "
                + ID
                + " already exists. Refusing to overwrite (use -r/--replace to replace it)\n")
        .doesNotContain("Usage");
  }

  @Test
  void replaceOverwritesAnExistingProject() throws IOException {
    cli.brig("project", "create", "-f", secret.toString());
    Path changed = write("changed.yaml", secretYaml(ID, "github.com/other/repo"));

    Result r = cli.brig("project", "create", "-r", "-f", changed.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(cli.projects.find(ID).orElseThrow().repository()).isEqualTo("github.com/other/repo");
  }

  @Test
  void replaceOfAMissingProjectFails() {
    Result r = cli.brig("project", "create", "--replace", "-f", secret.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Error: project " + ID + " does not exist");
    assertThat(cli.projects.list()).isEmpty();
  }

  @Test
  void reportsAnInvalidFileByName() throws IOException {
    Path bad = write("bad.yaml", "kind: Secret\nmetadata:\n  namespace: x\n");

    Result r = cli.brig("project", "create", "-f", bad.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("invalid project file " + bad).contains("metadata.name");
  }

  @Test
  void reportsAMissingFile() {
    Result r = cli.brig("project", "create", "-f", dir.resolve("nope.yaml").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("does not exist");
  }

  @Test
  void dryRunStoresNothingAndOutWritesTheSecret() throws IOException {
    Path out = dir.resolve("copy.json");

    Result r = cli.brig("project", "create", "-D", "-o", out.toString(), "-f", secret.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(cli.projects.list()).isEmpty();
    assertThat(Files.readString(out)).startsWith("{\n  \"apiVersion\": \"v1\"").contains(ID);
  }

  @Test
  void dryRunPrintsTheSecretAndFailsAsTheRealRunWouldOnAnExistingProject() {
    Result first = cli.brig("project", "create", "-D", "-f", secret.toString());
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("\"apiVersion\": \"v1\"").contains(ID);
    assertThat(first.err()).contains("Dry run: project " + ID + " not stored");
    assertThat(cli.projects.list()).isEmpty();

    assertThat(cli.brig("project", "create", "-f", secret.toString()).exitCode()).isZero();
    Result again = cli.brig("project", "create", "-D", "-f", secret.toString());
    Result replace = cli.brig("project", "create", "-D", "--replace", "-f", secret.toString());

    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("already exists").contains("use -r/--replace");
    assertThat(replace.exitCode()).isZero();
  }

  @Test
  void warnsWhenMetadataNameIsAnIdButNotTheIdOfTheProjectName() throws IOException {
    Path odd = write("odd.yaml", secretYaml("brigade-acme-rocket", "r"));

    Result r = cli.brig("project", "create", "-f", odd.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains("Warning: metadata.name \"brigade-acme-rocket\" is not the ID of the project")
        .contains(ID)
        .contains("Use that ID as metadata.name");
    assertThat(cli.brig("project", "create", "-f", secret.toString()).err())
        .doesNotContain("Warning");
  }

  @Test
  void warnsWhenMetadataNameIsNotAnId() throws IOException {
    Path plain = write("plain.yaml", secretYaml("my-project", "r"));

    Result r = cli.brig("project", "create", "-f", plain.toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.err())
        .contains("Project ID: my-project")
        .contains("Warning: metadata.name")
        .contains("brig --local finds the project by it")
        .contains("that is " + ProjectIds.fromName(NAME));
  }

  @Test
  void aProjectCreatedUnderANameWithoutThePrefixCanBeGotAndDeletedByThatName() throws IOException {
    Path plain = write("plain.yaml", secretYaml("myproj", "github.com/acme/myproj"));
    assertThat(cli.brig("project", "create", "-f", plain.toString()).exitCode()).isZero();

    Result got = cli.brig("project", "get", "myproj");

    assertThat(got.exitCode()).as(got.err()).isZero();
    assertThat(got.out()).contains("name: myproj");

    Result deleted = cli.brig("project", "delete", "-v", "myproj");

    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(deleted.err()).contains("deleted project myproj");
    assertThat(cli.projects.list()).isEmpty();
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  static String secretYaml(String id, String repository) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: %s
          annotations:
            projectName: %s
        type: brigade.sh/project
        stringData:
          repository: %s
          sharedSecret: hooks
          secrets:
            password: hunter2
        """
        .formatted(id, NAME, repository);
  }
}
