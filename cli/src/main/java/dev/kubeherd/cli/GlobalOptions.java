package dev.kubeherd.cli;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * brig's global flags, mixed into {@link BrigCommand} and inherited by every subcommand, so they
 * may come before or after the subcommand name. Leaf commands reach them through {@link #of}.
 */
public final class GlobalOptions {
  static final String MODE_ENV = "KUBEHERD_MODE";

  @Option(
      names = {"-n", "--namespace"},
      scope = ScopeType.INHERIT,
      defaultValue = "${env:BRIGADE_NAMESPACE:-default}",
      paramLabel = "NAMESPACE",
      description = "Kubernetes namespace of the projects and builds (default: ${DEFAULT-VALUE}).")
  String namespace;

  @Option(
      names = "--kubeconfig",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description = "kubeconfig file (Kubernetes mode; default $KUBECONFIG or ~/.kube/config).")
  String kubeconfig;

  @Option(
      names = "--kube-context",
      scope = ScopeType.INHERIT,
      paramLabel = "CONTEXT",
      description = "kubeconfig context to use (Kubernetes mode).")
  String kubeContext;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Print more detail, including stack traces of unexpected errors.")
  boolean verbose;

  @Option(
      names = "--local",
      scope = ScopeType.INHERIT,
      description =
          "Local mode: state in $KUBEHERD_HOME or ~/.kubeherd (also env " + MODE_ENV + "=local).")
  boolean local;

  public String namespace() {
    return namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  public Optional<String> kubeconfig() {
    return Optional.ofNullable(kubeconfig);
  }

  public Optional<String> kubeContext() {
    return Optional.ofNullable(kubeContext);
  }

  public boolean verbose() {
    return verbose;
  }

  /** Local mode was chosen by {@code --local} or env {@code KUBEHERD_MODE=local}. */
  public boolean local(Map<String, String> env) {
    return local || "local".equalsIgnoreCase(env.getOrDefault(MODE_ENV, ""));
  }

  /**
   * The global options of the brig command tree {@code spec} belongs to, or those mixed into a
   * kubeherd command of its own ({@code kubeherd serve}, {@code kubeherd gateway}).
   */
  public static Optional<GlobalOptions> of(CommandSpec spec) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.userObject() instanceof BrigCommand brig) {
        return Optional.of(brig.global);
      }
      for (CommandSpec mixin : s.mixins().values()) {
        if (mixin.userObject() instanceof GlobalOptions own) {
          return Optional.of(own);
        }
      }
    }
    return Optional.empty();
  }
}
