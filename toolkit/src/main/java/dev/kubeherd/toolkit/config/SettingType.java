package dev.kubeherd.toolkit.config;

import java.nio.file.Path;

/**
 * The type of a {@link ToolkitSetting}: values from the environment and from {@code kubeherd.yaml}
 * are checked against it before any command runs, so a typo fails with its origin (variable or file
 * and line) instead of deep inside a command.
 */
public enum SettingType {
  STRING("a string"),
  PATH("a file path"),
  INTEGER("an integer"),
  DURATION("a duration (500ms, 15s, 2m, 1h or PT15S)");

  private final String description;

  SettingType(String description) {
    this.description = description;
  }

  /** How messages name the type: "an integer". */
  public String description() {
    return description;
  }

  /**
   * Checks {@code raw} and returns it stripped of surrounding blanks.
   *
   * @throws IllegalArgumentException saying what was expected
   */
  public String check(String raw) {
    String value = raw.strip();
    try {
      switch (this) {
        case INTEGER -> Long.parseLong(value);
        case DURATION -> DurationSyntax.parse(value);
        case PATH -> Path.of(value);
        case STRING -> {}
      }
    } catch (IllegalArgumentException e) { // NumberFormatException, InvalidPathException
      throw new IllegalArgumentException("'" + raw + "' is not " + description);
    }
    if (value.isEmpty() && this != STRING) {
      throw new IllegalArgumentException("an empty value is not " + description);
    }
    return value;
  }
}
