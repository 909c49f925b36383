package dev.kubeherd.cli.toolkit;

import dev.kubeherd.toolkit.config.ConfigSections;
import dev.kubeherd.toolkit.config.ConfigValue;
import dev.kubeherd.toolkit.config.ToolkitConfig;
import dev.kubeherd.toolkit.config.ToolkitSetting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives every toolkit command the precedence flag > {@code KUBEHERD_*} > {@code kubeherd.yaml} >
 * default: picocli asks it for the default of each option not given on the command line, and an
 * option whose long name is a {@link ToolkitSetting}'s flag gets the value from {@link
 * ToolkitConfig}. picocli applies defaults after parsing a command's arguments, so {@code --config}
 * is known by then. Config problems surface as the command's error (exit code 1 or 2).
 */
public final class ToolkitDefaults implements IDefaultValueProvider {
  private final Map<String, String> env;
  private final Path cwd;
  private final ConfigSections sections;
  private final Map<Optional<String>, ToolkitConfig> loaded = new HashMap<>();

  public ToolkitDefaults(Map<String, String> env, Path cwd, ConfigSections sections) {
    this.env = Map.copyOf(env);
    this.cwd = cwd;
    this.sections = sections;
  }

  /** Installs defaults from {@code env} on {@code toolkitCommand} and all its subcommands. */
  public static void install(
      CommandLine toolkitCommand, Map<String, String> env, ConfigSections sections) {
    toolkitCommand.setDefaultValueProvider(
        new ToolkitDefaults(env, Path.of("").toAbsolutePath(), sections));
  }

  /** The sections a config file may have: one per toolkit command group, nested as commands are. */
  public static ConfigSections sectionsOf(List<CommandLine> toolkitCommands) {
    Map<String, ConfigSections> children = new LinkedHashMap<>();
    toolkitCommands.forEach(c -> children.put(c.getCommandName(), sectionOf(c)));
    return new ConfigSections(children);
  }

  private static ConfigSections sectionOf(CommandLine command) {
    Map<String, ConfigSections> children = new LinkedHashMap<>();
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!"help".equals(name)) {
                children.put(name, sectionOf(sub));
              }
            });
    return new ConfigSections(children);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option)) {
      return null;
    }
    Optional<ToolkitSetting> setting =
        Arrays.stream(option.names())
            .map(ToolkitSetting::forFlag)
            .flatMap(Optional::stream)
            .findFirst();
    if (setting.isEmpty()) {
      return null;
    }
    CommandSpec command = option.command();
    return config(configFlag(command))
        .value(setting.get(), commandPath(command))
        .map(ConfigValue::value)
        .orElse(null);
  }

  private synchronized ToolkitConfig config(Optional<String> flag) {
    return loaded.computeIfAbsent(flag, f -> ToolkitConfig.load(f, env, cwd, sections));
  }

  private static Optional<String> configFlag(CommandSpec command) {
    for (CommandSpec c = command; c != null; c = c.parent()) {
      OptionSpec config = c.findOption(ConfigOption.NAME);
      if (config != null && config.getValue() != null) {
        return Optional.of(config.getValue().toString());
      }
    }
    return Optional.empty();
  }

  /** {@code kubeherd brigadm ssm put} and {@code brigadm ssm put} → {@code [brigadm, ssm, put]}. */
  static List<String> commandPath(CommandSpec command) {
    List<String> path = new ArrayList<>();
    for (CommandSpec c = command; c != null; c = c.parent()) {
      path.add(0, c.name());
    }
    if (path.size() > 1 && "kubeherd".equals(path.get(0))) {
      path.remove(0);
    }
    return List.copyOf(path);
  }
}
