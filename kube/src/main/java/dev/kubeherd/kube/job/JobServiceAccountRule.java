package dev.kubeherd.kube.job;

import dev.kubeherd.core.model.Project;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service account a build's job pods get ({@code BRIGADE_SERVICE_ACCOUNT}, contract §3.3 and
 * §7.1) and whether the operator allows it. The account is the project's {@code serviceAccount},
 * else the operator's job service account; it is allowed when it matches the project service
 * account regex in full (an empty regex allows any). The controller applies this rule to the worker
 * pods it launches and a warm pool to the builds it runs, so a build gets the same account either
 * way.
 */
public final class JobServiceAccountRule {
  /** The project key naming its jobs' service account. */
  public static final String PROJECT_KEY = "serviceAccount";

  private final String fallback;
  private final String regex;
  private final Optional<Pattern> allowed;

  /**
   * @param fallback the operator's job service account, for projects that name none
   * @param regex what job service accounts must match in full; {@code ""} = any
   * @throws java.util.regex.PatternSyntaxException if {@code regex} is not a regex
   */
  public JobServiceAccountRule(String fallback, String regex) {
    this.fallback = fallback == null ? "" : fallback;
    this.regex = regex == null ? "" : regex;
    this.allowed = this.regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex));
  }

  /** The project's {@code serviceAccount}, else the operator's job service account. */
  public String effective(Project project) {
    String own = project.value(PROJECT_KEY);
    return own.isEmpty() ? fallback : own;
  }

  /** Whether the project names its own job service account (rather than taking the default). */
  public static boolean projectChooses(Project project) {
    return !project.value(PROJECT_KEY).isEmpty();
  }

  /** Whether {@code serviceAccount} matches the regex in full (always, for an empty regex). */
  public boolean allows(String serviceAccount) {
    return allowed.isEmpty() || allowed.get().matcher(serviceAccount).matches();
  }

  /** The regex job service accounts must match; {@code ""} = any. */
  public String regex() {
    return regex;
  }
}
