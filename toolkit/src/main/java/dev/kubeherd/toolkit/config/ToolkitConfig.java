package dev.kubeherd.toolkit.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The toolkit's settings below the command line: {@code KUBEHERD_*} variables, then the config file
 * (a command's section before the top level), then the built-in default. Flags win over all of
 * these; the command line applies them (a picocli default-value provider in {@code cli}). Built
 * from a map, so tests never touch the process environment.
 */
public final class ToolkitConfig {
  private final Map<String, String> env;
  private final Optional<ConfigFile> file;

  public ToolkitConfig(Map<String, String> env, Optional<ConfigFile> file) {
    this.env = Map.copyOf(env);
    this.file = file;
  }

  /**
   * Finds and reads the config file (see {@link ConfigLocation}) and checks it.
   *
   * @param configFlag the value of {@code --config}, if given
   * @throws InvalidToolkitConfigException naming the file and line of the first problem
   */
  public static ToolkitConfig load(
      Optional<String> configFlag, Map<String, String> env, Path cwd, ConfigSections sections) {
    Optional<ConfigFile> file =
        ConfigLocation.resolve(configFlag, env, cwd).map(new ConfigFileParser(sections)::parse);
    return new ToolkitConfig(env, file);
  }

  /** The config file in use, if any. */
  public Optional<Path> file() {
    return file.map(ConfigFile::path);
  }

  /**
   * The value of {@code setting} for the command at {@code commandPath} ({@code [brigadm, ssm,
   * get]}), or empty when nothing sets it and it has no default.
   *
   * @throws InvalidToolkitConfigException when the variable's value has the wrong type
   */
  public Optional<ConfigValue> value(ToolkitSetting setting, List<String> commandPath) {
    String fromEnv = env.get(setting.env());
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(new ConfigValue(checkEnv(setting, fromEnv), "env " + setting.env()));
    }
    Optional<ConfigValue> fromFile = file.flatMap(f -> f.find(setting, commandPath));
    if (fromFile.isPresent()) {
      return fromFile;
    }
    return setting.defaultValue().map(d -> new ConfigValue(d, "default"));
  }

  private static String checkEnv(ToolkitSetting setting, String value) {
    try {
      return setting.type().check(value);
    } catch (IllegalArgumentException e) {
      throw InvalidToolkitConfigException.inEnvironment(
          setting.env()
              + ": "
              + e.getMessage()
              + " (setting "
              + setting.flag()
              + "); fix or unset the variable");
    }
  }
}
