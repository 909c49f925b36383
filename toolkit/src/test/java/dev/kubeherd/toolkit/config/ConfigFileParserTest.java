package dev.kubeherd.toolkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileParserTest {
  static final ConfigSections SECTIONS =
      new ConfigSections(
          Map.of(
              "brigadm",
              new ConfigSections(
                  Map.of(
                      "ssm",
                      new ConfigSections(
                          Map.of("put", ConfigSections.none(), "get", ConfigSections.none())))),
              "build",
              new ConfigSections(Map.of("ami", ConfigSections.none()))));

  @TempDir Path dir;

  Path write(String yaml) throws Exception {
    return Files.writeString(dir.resolve("kubeherd.yaml"), yaml);
  }

  ConfigFile parse(String yaml) throws Exception {
    return new ConfigFileParser(SECTIONS).parse(write(yaml));
  }

  @Test
  void readsTopLevelSettingsWithTheirLine() throws Exception {
    ConfigFile file = parse("# cluster defaults\nregion: eu-west-1\ncluster: k8stest1\n");

    assertThat(file.find(ToolkitSetting.REGION, List.of()))
        .contains(new ConfigValue("eu-west-1", dir.resolve("kubeherd.yaml") + ":2"));
    assertThat(file.find(ToolkitSetting.CLUSTER, List.of("brigadm", "ssm")))
        .map(ConfigValue::value)
        .contains("k8stest1");
  }

  @Test
  void deepestCommandSectionWinsOverOuterSectionsAndTopLevel() throws Exception {
    ConfigFile file =
        parse(
            """
            region: eu-west-1
            brigadm:
              region: us-east-1
              ssm:
                put:
                  region: ap-northeast-1
            """);

    assertThat(file.find(ToolkitSetting.REGION, List.of("brigadm", "ssm", "put")))
        .map(ConfigValue::value)
        .contains("ap-northeast-1");
    assertThat(file.find(ToolkitSetting.REGION, List.of("brigadm", "ssm", "get")))
        .map(ConfigValue::value)
        .contains("us-east-1");
    assertThat(file.find(ToolkitSetting.REGION, List.of("build", "ami")))
        .map(ConfigValue::value)
        .contains("eu-west-1");
  }

  @Test
  void malformedYamlFailsWithFileAndLine() throws Exception {
    Path file = write("region: eu-west-1\ncluster: [unclosed\nenvironment: test\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .isInstanceOf(InvalidToolkitConfigException.class)
        .hasMessageStartingWith(file + ":")
        .hasMessageContaining("malformed YAML")
        .satisfies(
            e ->
                assertThat(((InvalidToolkitConfigException) e).exitCode())
                    .isEqualTo(ToolkitExitCodes.INPUT_MISSING));
  }

  @Test
  void badIndentationNamesTheLine() throws Exception {
    Path file = write("region: eu-west-1\n  cluster: x: y\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessageStartingWith(file + ":2:")
        .hasMessageContaining("malformed YAML");
  }

  @Test
  void unknownKeyIsNamedWithTheKnownOnes() throws Exception {
    Path file = write("region: eu-west-1\nregoin: us-east-1\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .isInstanceOf(InvalidToolkitConfigException.class)
        .hasMessageStartingWith(file + ":2:1: unknown key 'regoin' at the top level")
        .hasMessageContaining("known settings: ")
        .hasMessageContaining("region")
        .hasMessageContaining("kms-key-id")
        .hasMessageContaining("command sections here: brigadm, build");
  }

  @Test
  void unknownKeyInsideASectionNamesTheSectionAndItsSubcommands() throws Exception {
    Path file = write("brigadm:\n  ssm:\n    delete:\n      region: x\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessageStartingWith(file + ":3:5: unknown key 'delete' in section brigadm.ssm")
        .hasMessageContaining("command sections here: get, put");
  }

  @Test
  void valueOfTheWrongTypeFailsWithItsLine() throws Exception {
    Path file = write("build:\n  ami:\n    min-healthy-percentage: ninety\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessage(file + ":3:29: 'min-healthy-percentage': 'ninety' is not an integer");
  }

  @Test
  void listWhereAValueBelongsIsATypeError() throws Exception {
    Path file = write("known-hosts:\n  - a\n  - b\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessage(file + ":2:3: 'known-hosts' must be a file path, got a list");
  }

  @Test
  void badDurationIsATypeError() throws Exception {
    Path file = write("refresh-timeout: soon\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessageContaining(":1:18: 'refresh-timeout': 'soon' is not a duration");
  }

  @Test
  void duplicateKeyFails() throws Exception {
    Path file = write("region: a\ncluster: c\nregion: b\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessage(file + ":3:1: duplicate key 'region' (first on line 1)");
  }

  @Test
  void topLevelMustBeAMapping() throws Exception {
    Path file = write("- region\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessageContaining(":1:1: the top level must be a mapping");
  }

  @Test
  void emptyFileAndNullValuesSetNothing() throws Exception {
    assertThat(parse("").find(ToolkitSetting.REGION, List.of())).isEmpty();
    assertThat(parse("region:\nbrigadm:\n").find(ToolkitSetting.REGION, List.of("brigadm")))
        .isEmpty();
  }

  @Test
  void secondDocumentIsRefused() throws Exception {
    Path file = write("region: a\n---\nregion: b\n");

    assertThatThrownBy(() -> new ConfigFileParser(SECTIONS).parse(file))
        .hasMessageContaining("only one YAML document is allowed");
  }
}
