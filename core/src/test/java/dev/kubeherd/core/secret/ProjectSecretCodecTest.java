package dev.kubeherd.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class ProjectSecretCodecTest {
  private static final String WHALE_ID =
      "brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00";
  private final ProjectSecretCodec codec = new ProjectSecretCodec();

  @Test
  void readsBrigWrittenSecretWithBase64Data() {
    Project p = codec.read(fixture("brig-written.yaml"));

    assertThat(p.id()).isEqualTo(WHALE_ID);
    assertThat(p.name()).isEqualTo("technosophos/-whale-eyes-");
    assertThat(p.namespace()).isEqualTo("default");
    assertThat(p.repository()).isEqualTo("github.com/technosophos/-whale-eyes-");
    assertThat(p.cloneUrl()).isEqualTo("https://github.com/technosophos/-whale-eyes-.git");
    assertThat(p.secretsJson()).isEqualTo("{\"greeting\":\"hello\",\"port\":\"8080\"}");
    assertThat(p.value("sshKey")).isEqualTo("-----BEGIN KEY-----$abc$-----END KEY-----");
    assertThat(p.flag("allowPrivilegedJobs", true)).isFalse();
  }

  @Test
  void idOfTheCanonicalFixtureIsDerivedFromItsName() {
    Project p = codec.read(fixture("brig-written.yaml"));

    assertThat(ProjectIds.fromName(p.name())).isEqualTo(p.id());
  }

  @ParameterizedTest
  @CsvSource({
    "technosophos/-whale-eyes-, brigade-407900363c01e6153bc1a91792055b898e20a29f1387b72a0b6f00",
    "deis/empty-testbed, brigade-830c16d4aaf6f5490937ad719afd8490a5bcbef064d397411043ac",
    "brigadecore/empty-testbed, brigade-4897c99315be5d2a2403ea33bdcb24f8116dc69613d5917d879d5f",
    "e2eproject, brigade-5b55ed522537b663e178f751959d234fd650d626f33f70557b2e82",
    "brigade-foo, brigade-foo"
  })
  void v1IdVectors(String name, String id) {
    assertThat(ProjectIds.fromName(name)).isEqualTo(id);
  }

  @Test
  void stringDataWinsOverDataAndNonStringsBecomeText() {
    Project p = codec.read(fixture("string-data.json"));

    assertThat(p.id()).isEqualTo(ProjectIds.fromName("deis/empty-testbed"));
    assertThat(p.namespace()).isEmpty();
    assertThat(p.repository()).isEqualTo("github.com/deis/empty-testbed");
    assertThat(p.cloneUrl()).isEqualTo("https://github.com/deis/empty-testbed.git");
    assertThat(p.value("initGitSubmodules")).isEqualTo("false");
    assertThat(p.value("buildStorageSize")).isEqualTo("50");
    assertThat(p.secretsJson())
        .isEqualTo("{\"db\":{\"user\":\"app\",\"password\":\"pw\"},\"token\":\"t\"}");
  }

  @Test
  void metadataNameIsUsedAsTheIdAsIs() {
    Project p = codec.read("metadata:\n  name: my-project\nstringData:\n  repository: r\n");

    assertThat(p.id()).isEqualTo("my-project");
    assertThat(p.name()).isEmpty();
    assertThat(p.data()).containsExactly(Map.entry("repository", "r"));
  }

  @Test
  void missingNameIsAClearError() {
    assertThatThrownBy(() -> codec.read("kind: Secret\nmetadata:\n  namespace: x\n"))
        .isInstanceOf(InvalidProjectSecretException.class)
        .hasMessageContaining("no metadata.name");
  }

  @Test
  void aMissingNameWithAProjectNameGivesTheIdToUse() {
    String id = ProjectIds.fromName("acme/app");

    assertThatThrownBy(
            () ->
                codec.read("kind: Secret\nmetadata:\n  annotations:\n    projectName: acme/app\n"))
        .isInstanceOf(InvalidProjectSecretException.class)
        .hasMessage(
            "the project Secret has no metadata.name; set it to the project ID, which for the"
                + " project name \"acme/app\" is "
                + id);
  }

  @Test
  void rejectsBadBase64NamingTheKey() {
    assertThatThrownBy(() -> codec.read("metadata: {name: brigade-x}\ndata:\n  sshKey: '%%%'\n"))
        .isInstanceOf(InvalidProjectSecretException.class)
        .hasMessageContaining("data.sshKey is not valid base64");
  }

  @Test
  void rejectsOtherKindsAndMalformedText() {
    assertThatThrownBy(() -> codec.read("kind: ConfigMap\nmetadata: {name: brigade-x}\n"))
        .hasMessageContaining("kind ConfigMap");
    assertThatThrownBy(() -> codec.read("{\"metadata\": "))
        .isInstanceOf(InvalidProjectSecretException.class)
        .hasMessageContaining("neither valid YAML nor JSON");
    assertThatThrownBy(() -> codec.read("  \n")).hasMessageContaining("empty");
    assertThatThrownBy(() -> codec.read("- a\n- b\n")).hasMessageContaining("must be an object");
  }

  @Test
  void writesTheV1SecretLayout() {
    Project p = new Project(WHALE_ID, "technosophos/-whale-eyes-", "ci", Map.of("repository", "r"));

    JsonNode secret = DocumentFormat.JSON.parse(codec.write(p, DocumentFormat.JSON));

    assertThat(secret.path("apiVersion").asString()).isEqualTo("v1");
    assertThat(secret.path("kind").asString()).isEqualTo("Secret");
    assertThat(secret.path("type").asString()).isEqualTo("brigade.sh/project");
    JsonNode metadata = secret.path("metadata");
    assertThat(metadata.path("name").asString()).isEqualTo(WHALE_ID);
    assertThat(metadata.path("namespace").asString()).isEqualTo("ci");
    assertThat(metadata.path("labels").path("app").asString()).isEqualTo("brigade");
    assertThat(metadata.path("labels").path("component").asString()).isEqualTo("project");
    assertThat(metadata.path("labels").path("heritage").asString()).isEqualTo("brigade");
    assertThat(metadata.path("annotations").path("projectName").asString())
        .isEqualTo("technosophos/-whale-eyes-");
    assertThat(secret.path("data").path("repository").asString()).isEqualTo("cg==");
  }

  @Test
  void yamlOutputHasNoDocumentMarkerAndPlainKeys() {
    Project p = new Project("brigade-x", "n", "", Map.of("cloneURL", "u"));

    String yaml = codec.write(p, DocumentFormat.YAML);

    assertThat(yaml).startsWith("apiVersion: v1\nkind: Secret\nmetadata:\n  name: brigade-x\n");
    assertThat(yaml).doesNotContain("namespace").contains("  cloneURL: dQ==\n");
  }

  @Test
  void roundTripsThroughBothFormats() {
    Project original = codec.read(fixture("brig-written.yaml"));

    for (DocumentFormat f : DocumentFormat.values()) {
      assertThat(codec.read(codec.write(original, f))).as(f.name()).isEqualTo(original);
    }
  }

  private static String fixture(String scenario) {
    String name = "ProjectSecretCodecTest." + scenario;
    try (InputStream in = ProjectSecretCodecTest.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
