package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.ToolkitException;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The values of an sdf4k chart deploy: {@code values.yaml}, {@code values.<env>.yaml} and the
 * encrypted {@code secrets.yaml} of the deploy directory, only those that exist, in that order; and
 * whether the chart's own values have {@code image.tag} (then {@code GIT_TAG} is set there).
 */
public final class ChartValues {
  static final String SECRETS = "secrets.yaml";

  private ChartValues() {}

  /** The plain values files of {@code dir} that exist, in order. */
  public static List<Path> plainFiles(Path dir, Optional<String> environment) {
    List<String> names = new ArrayList<>();
    names.add("values.yaml");
    environment.ifPresent(e -> names.add("values." + e + ".yaml"));
    return names.stream().map(dir::resolve).filter(Files::isRegularFile).toList();
  }

  /** The encrypted {@code secrets.yaml} of {@code dir}, if there is one. */
  public static Optional<Path> encryptedSecrets(Path dir) {
    Path secrets = dir.resolve(SECRETS);
    return Files.isRegularFile(secrets) ? Optional.of(secrets) : Optional.empty();
  }

  /**
   * Whether the chart's {@code values.yaml} has an {@code image.tag} key.
   *
   * @throws ToolkitException exit code 2 when that file is not valid YAML
   */
  public static boolean hasImageTag(Path chartDir) {
    Path values = chartDir.resolve("values.yaml");
    if (!Files.isRegularFile(values)) {
      return false;
    }
    try (Reader in = Files.newBufferedReader(values)) {
      Object doc = new Load(LoadSettings.builder().build()).loadFromReader(in);
      return doc instanceof Map<?, ?> root
          && root.get("image") instanceof Map<?, ?> image
          && image.containsKey("tag");
    } catch (IOException | YamlEngineException e) {
      throw new ToolkitException(
          ToolkitExitCodes.INPUT_MISSING,
          "cannot read the chart's values " + values + ": " + e.getMessage());
    }
  }
}
