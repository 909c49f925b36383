package dev.kubeherd.toolkit.deploy;

import dev.kubeherd.toolkit.tools.ExternalTool;
import dev.kubeherd.toolkit.tools.ToolInvocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code helm upgrade RELEASE ./chart --install --namespace NS -f … --set …} in the deploy
 * directory: the external helm, which talks to real clusters with the kubeconfig's credentials.
 */
final class HelmUpgrade {
  private HelmUpgrade() {}

  static ToolInvocation invocation(ChartRender chart, Path dir, Map<String, String> env) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "upgrade",
            chart.release(),
            relative(dir, chart.chartDir()),
            "--install",
            "--namespace",
            chart.namespace()));
    chart.valuesFiles().forEach(f -> args.addAll(List.of("--values", relative(dir, f))));
    chart.sets().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
    return new ToolInvocation(ExternalTool.HELM, args, env, dir);
  }

  private static String relative(Path dir, Path file) {
    return file.startsWith(dir) ? "./" + dir.relativize(file) : file.toString();
  }
}
