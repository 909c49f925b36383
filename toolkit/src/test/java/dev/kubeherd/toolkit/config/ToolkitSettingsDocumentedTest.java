package dev.kubeherd.toolkit.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/toolkit.md lists every setting with its variable, as a row of the settings table. */
class ToolkitSettingsDocumentedTest {
  @Test
  void everySettingHasARowWithItsVariable() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "toolkit.md"));

    for (ToolkitSetting s : ToolkitSetting.values()) {
      assertThat(doc)
          .as(s.name())
          .contains(
              "| `" + s.yamlKey() + "` | `" + s.env() + "` | " + s.type().name().toLowerCase());
    }
  }
}
