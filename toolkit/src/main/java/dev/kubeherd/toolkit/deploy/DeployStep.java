package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tool invocations of one sdf4k run for the kinds other than charts. */
record DeployStep(Path dir, Sdf4kOptions options, Map<String, String> env) {
  String component() {
    return options.component();
  }

  String namespace() {
    return options.namespace();
  }

  Optional<String> environment() {
    return options.environment();
  }

  boolean render() {
    return options.render();
  }

  ToolInvocation invocation(DeployKind kind) {
    return switch (kind) {
      case HELMFILE ->
          HelmfileDeployer.invocation(
              render() ? HelmfileAction.TEMPLATE : HelmfileAction.SYNC,
              new HelmfileRun(dir, Optional.empty(), environment(), Optional.empty(), env),
              HelmfileLocator.locate(dir, Optional.empty()));
      case KUSTOMIZE ->
          render()
              ? kubectl("kustomize", ".")
              : kubectl("apply", "--kustomize", ".", "--namespace", namespace());
      case MANIFESTS ->
          render()
              ? kubectl(
                  "apply",
                  "--dry-run=client",
                  "--output",
                  "yaml",
                  "--recursive",
                  "--filename",
                  "manifests",
                  "--namespace",
                  namespace())
              : kubectl(
                  "apply", "--recursive", "--filename", "manifests", "--namespace", namespace());
      case CHART -> throw new IllegalArgumentException("charts go through HelmUpgrade");
    };
  }

  private ToolInvocation kubectl(String... args) {
    return new ToolInvocation(ExternalTool.KUBECTL, List.of(args), env, dir);
  }
}
