package dev.kubeherd.toolkit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocationTest {
  @TempDir Path dir;

  @Test
  void flagWinsOverVariableAndWorkingDirectory() throws Exception {
    Files.writeString(dir.resolve("kubeherd.yaml"), "");
    Files.writeString(dir.resolve("flag.yaml"), "");
    Files.writeString(dir.resolve("env.yaml"), "");

    assertThat(
            ConfigLocation.resolve(
                Optional.of("flag.yaml"), Map.of("KUBEHERD_CONFIG", "env.yaml"), dir))
        .contains(dir.resolve("flag.yaml"));
  }

  @Test
  void variableWinsOverWorkingDirectory() throws Exception {
    Files.writeString(dir.resolve("kubeherd.yaml"), "");
    Files.writeString(dir.resolve("env.yaml"), "");

    assertThat(ConfigLocation.resolve(Optional.empty(), Map.of("KUBEHERD_CONFIG", "env.yaml"), dir))
        .contains(dir.resolve("env.yaml"));
  }

  @Test
  void workingDirectoryFileIsUsedOnlyWhenPresent() throws Exception {
    assertThat(ConfigLocation.resolve(Optional.empty(), Map.of(), dir)).isEmpty();

    Files.writeString(dir.resolve("kubeherd.yaml"), "");

    assertThat(ConfigLocation.resolve(Optional.empty(), Map.of(), dir))
        .contains(dir.resolve("kubeherd.yaml"));
  }

  @Test
  void namedFileThatDoesNotExistFailsNamingWhereItCameFrom() {
    assertThatThrownBy(() -> ConfigLocation.resolve(Optional.of("missing.yaml"), Map.of(), dir))
        .isInstanceOf(InvalidToolkitConfigException.class)
        .hasMessageContaining(dir.resolve("missing.yaml") + " (from --config) does not exist")
        .satisfies(
            e ->
                assertThat(((InvalidToolkitConfigException) e).exitCode())
                    .isEqualTo(ToolkitExitCodes.INPUT_MISSING));
    assertThatThrownBy(
            () ->
                ConfigLocation.resolve(
                    Optional.empty(), Map.of("KUBEHERD_CONFIG", "/nope.yaml"), dir))
        .hasMessageContaining("/nope.yaml (from KUBEHERD_CONFIG) does not exist");
  }
}
