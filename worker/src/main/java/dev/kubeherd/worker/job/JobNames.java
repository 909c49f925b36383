package dev.kubeherd.worker.job;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Brigade v1 job name rule: at most 36 characters (so {@code <name>-<26-char build ID>} fits a DNS
 * label) of lower-case letters, digits, '-' and '.', starting and ending alphanumeric. Checked
 * before lower-casing, as v1 does.
 */
public final class JobNames {
  public static final int MAX_LENGTH = 36;
  static final String MESSAGE =
      "job name must be lowercase letters, numbers, and '-', and must not start or end with '-',"
          + " having max length "
          + MAX_LENGTH;
  private static final Pattern VALID = Pattern.compile("^(([a-z0-9][-a-z0-9.]*)?[a-z0-9])+$");

  private JobNames() {}

  /** The v1 validation message when {@code name} is not a legal job name. */
  public static Optional<String> problem(String name) {
    if (name.length() > MAX_LENGTH || !VALID.matcher(name).matches()) {
      return Optional.of(MESSAGE);
    }
    return Optional.empty();
  }
}
