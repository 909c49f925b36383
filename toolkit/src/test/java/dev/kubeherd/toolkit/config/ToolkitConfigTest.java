package dev.kubeherd.toolkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Precedence below the command line: env > config file (section, then top level) > default. */
class ToolkitConfigTest {
  static final List<String> SSM_PUT = List.of("brigadm", "ssm", "put");
  static final ConfigSections SECTIONS =
      new ConfigSections(
          Map.of(
              "brigadm",
              new ConfigSections(
                  Map.of("ssm", new ConfigSections(Map.of("put", ConfigSections.none()))))));

  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  ToolkitConfig load() {
    return ToolkitConfig.load(Optional.empty(), env, dir, SECTIONS);
  }

  void yaml(String text) throws Exception {
    Files.writeString(dir.resolve("kubeherd.yaml"), text);
  }

  @Test
  void environmentWinsOverTheConfigFile() throws Exception {
    yaml("packer: /opt/yaml/packer\n");
    env.put("KUBEHERD_PACKER", "/opt/env/packer");

    assertThat(load().value(ToolkitSetting.PACKER, SSM_PUT))
        .contains(new ConfigValue("/opt/env/packer", "env KUBEHERD_PACKER"));
  }

  @Test
  void configFileWinsOverTheDefault() throws Exception {
    yaml("packer: /opt/yaml/packer\n");

    assertThat(load().value(ToolkitSetting.PACKER, SSM_PUT))
        .map(ConfigValue::value)
        .contains("/opt/yaml/packer");
  }

  @Test
  void commandSectionWinsOverTheTopLevel() throws Exception {
    yaml("packer: /top\nbrigadm:\n  packer: /brigadm\n");

    assertThat(load().value(ToolkitSetting.PACKER, SSM_PUT))
        .map(ConfigValue::value)
        .contains("/brigadm");
    assertThat(load().value(ToolkitSetting.PACKER, List.of("build", "ami")))
        .map(ConfigValue::value)
        .contains("/top");
  }

  @Test
  void defaultAppliesWhenNothingElseSetsIt() {
    assertThat(load().value(ToolkitSetting.PACKER, SSM_PUT))
        .contains(new ConfigValue("packer", "default"));
    assertThat(load().value(ToolkitSetting.REGION, SSM_PUT)).isEmpty();
  }

  @Test
  void blankVariableCountsAsUnset() throws Exception {
    yaml("region: eu-west-1\n");
    env.put("KUBEHERD_REGION", " ");

    assertThat(load().value(ToolkitSetting.REGION, SSM_PUT))
        .map(ConfigValue::value)
        .contains("eu-west-1");
  }

  @Test
  void variableOfTheWrongTypeIsNamed() {
    env.put("KUBEHERD_MIN_HEALTHY_PERCENTAGE", "lots");

    assertThatThrownBy(() -> load().value(ToolkitSetting.MIN_HEALTHY_PERCENTAGE, SSM_PUT))
        .isInstanceOf(InvalidToolkitConfigException.class)
        .hasMessage(
            "KUBEHERD_MIN_HEALTHY_PERCENTAGE: 'lots' is not an integer (setting"
                + " min-healthy-percentage); fix or unset the variable")
        .satisfies(
            e ->
                assertThat(((InvalidToolkitConfigException) e).exitCode())
                    .isEqualTo(ToolkitExitCodes.ERROR));
  }

  @Test
  void everySettingHasAKubeherdVariableAndAKey() {
    for (ToolkitSetting s : ToolkitSetting.values()) {
      assertThat(s.env()).startsWith("KUBEHERD_");
      assertThat(s.env()).isEqualTo("KUBEHERD_" + s.flag().toUpperCase().replace('-', '_'));
      assertThat(s.yamlKey()).isNotBlank();
      s.defaultValue().ifPresent(d -> assertThat(s.type().check(d)).isEqualTo(d));
    }
  }
}
