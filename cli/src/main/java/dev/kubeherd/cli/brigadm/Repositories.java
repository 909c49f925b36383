package dev.kubeherd.cli.brigadm;

import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --repository ORG/REPO} values. */
public final class Repositories {
  private Repositories() {}

  /**
   * {@code repository} without a {@code github.com/} prefix.
   *
   * @throws ParameterException (usage, exit 1) unless it is {@code ORG/REPO}
   */
  public static String check(CommandSpec spec, String flag, String repository) {
    String r = repository.startsWith("github.com/") ? repository.substring(11) : repository;
    if (!r.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
      throw new ParameterException(
          spec.commandLine(),
          flag + " " + repository + ": expected ORG/REPO, e.g. acme/cluster-repo");
    }
    return r;
  }

  /** The repository's name, lower-case: the default namespace. */
  public static String name(String repository) {
    return repository.substring(repository.indexOf('/') + 1).toLowerCase(Locale.ROOT);
  }
}
