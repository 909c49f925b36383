package dev.kubeherd.toolkit.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** {@link ChartRenderer} on real Helm 3 in-process (helm-java's native library). */
public final class HelmJavaRenderer implements ChartRenderer {
  @Override
  public String render(ChartRender chart) {
    TemplateCommand template =
        new Helm(chart.chartDir())
            .template()
            .withName(chart.release())
            .withNamespace(chart.namespace());
    chart.valuesFiles().forEach(template::withValuesFile);
    chart.sets().forEach(template::set);
    try {
      String out = template.call();
      return out == null ? "" : out; // helm-java answers null when nothing is rendered
    } catch (IllegalStateException e) {
      throw new ChartRenderException(chart, e.getMessage(), e);
    }
  }
}
