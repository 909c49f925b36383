package dev.kubeherd.toolkit.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubeherd.toolkit.ToolkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code apps.yaml}: the keys of {@code services} in order, defaults inherited, errors located. */
class AppsFileTest {
  @TempDir Path tmp;

  private Path file(String yaml) throws Exception {
    return Files.writeString(tmp.resolve("apps.yaml"), yaml);
  }

  @Test
  void appsAreTheServicesKeysInFileOrderAndEmptyEntriesInheritTheDefaults() throws Exception {
    Path file =
        file(
            """
            defaults:
              repository: git@github.com:org/{app}.git
              brigade: {config: tmpl-default}
            services:
              your-svc-x:
                brigade:
                  config: brig-project-tmpl-1
              your-svc-z:
              api:
                repository: https://github.com/other/api.git
                namespaceDefaults:
                  developers: {groups: [api-devs]}
            """);

    List<AppEntry> apps = AppsFile.read(file);

    assertThat(apps).extracting(AppEntry::name).containsExactly("your-svc-x", "your-svc-z", "api");
    assertThat(apps.get(0).repository()).contains("git@github.com:org/your-svc-x.git");
    assertThat(apps.get(0).pipelineTemplate()).contains("brig-project-tmpl-1");
    assertThat(apps.get(1))
        .isEqualTo(
            new AppEntry(
                "your-svc-z",
                Optional.of("git@github.com:org/your-svc-z.git"),
                Optional.of("tmpl-default"),
                Optional.empty(),
                8));
    assertThat(apps.get(2).repository()).contains("https://github.com/other/api.git");
    assertThat(apps.get(2).namespaceDefaults().orElseThrow())
        .isEqualTo("developers: {groups: [api-devs]}\n");
  }

  @Test
  void noServicesMeansNoApps() throws Exception {
    assertThat(AppsFile.read(file("services:\n"))).isEmpty();
    assertThat(AppsFile.read(file(""))).isEmpty();
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "services: [a, b]|1:11|'services' must be a mapping of app names",
        "services:\\n  a:\\n  a:|3:3|app 'a' is listed twice (first on line 2)",
        "services:\\n  a:\\n    repo: x|3:5|unknown key 'repo'; allowed: repository, brigade,"
            + " namespaceDefaults",
        "services:\\n  a:\\n    brigade: tmpl|3:14|'brigade' must be a mapping with 'config'",
        "apps:\\n  a:|1:1|unknown key 'apps'; allowed: services, defaults",
        "services:\\n  a: [x|2:8|malformed YAML: while parsing a flow sequence",
      })
  void problemsNameTheFileLineAndColumn(String yaml, String where, String message)
      throws Exception {
    Path file = file(yaml.replace("\\n", "\n"));

    assertThatThrownBy(() -> AppsFile.read(file))
        .isInstanceOf(MalformedAppsFileException.class)
        .hasMessageStartingWith(file + ":" + where + ": " + message)
        .satisfies(e -> assertThat(((ToolkitException) e).exitCode()).isEqualTo(2));
  }
}
